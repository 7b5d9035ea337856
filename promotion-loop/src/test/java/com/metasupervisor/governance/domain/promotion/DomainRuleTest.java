package com.metasupervisor.governance.domain.promotion;

import com.metasupervisor.testkit.DomainRule;
import org.junit.jupiter.api.Test;

/** The promotion loop's domain is pure Java: no Avro, Kafka or Micronaut type (service-test-kit's rule, on the compiled classes). */
class DomainRuleTest {

    @Test
    void thePromotionDomainHasNoAvroKafkaOrMicronautType() {
        DomainRule.check("com.metasupervisor.governance"); // its domain here is domain.promotion
    }
}
