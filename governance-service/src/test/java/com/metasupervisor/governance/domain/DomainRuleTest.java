package com.metasupervisor.governance.domain;

import com.metasupervisor.testkit.DomainRule;
import org.junit.jupiter.api.Test;

/** The governance domain is pure Java: no Avro, Kafka or Micronaut type (service-test-kit's rule, on the compiled classes). */
class DomainRuleTest {

    @Test
    void theGovernanceDomainHasNoAvroKafkaOrMicronautType() {
        DomainRule.check("com.metasupervisor.governance");
    }
}
