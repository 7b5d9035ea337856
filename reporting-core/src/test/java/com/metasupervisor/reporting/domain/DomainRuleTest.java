package com.metasupervisor.reporting.domain;

import com.metasupervisor.testkit.DomainRule;
import org.junit.jupiter.api.Test;

/** The reporting domain is pure Java: no Avro, Kafka or Micronaut type (service-test-kit's rule, on the compiled classes). */
class DomainRuleTest {

    @Test
    void theReportingDomainHasNoAvroKafkaOrMicronautType() {
        DomainRule.check("com.metasupervisor.reporting");
    }
}
