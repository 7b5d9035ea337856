package com.metasupervisor.risk.domain;

import com.metasupervisor.testkit.DomainRule;
import org.junit.jupiter.api.Test;

/** The risk domain is pure Java: no Avro, Kafka or Micronaut type (service-test-kit's rule, on the compiled classes). */
class DomainRuleTest {

    @Test
    void theRiskDomainHasNoAvroKafkaOrMicronautType() {
        DomainRule.check("com.metasupervisor.risk");
    }
}
