package com.metasupervisor.allocator.domain;

import com.metasupervisor.testkit.DomainRule;
import org.junit.jupiter.api.Test;

/** The allocator domain is pure Java: no Avro, Kafka or Micronaut type (service-test-kit's rule, on the compiled classes). */
class DomainRuleTest {

    @Test
    void theAllocatorDomainHasNoAvroKafkaOrMicronautType() {
        DomainRule.check("com.metasupervisor.allocator");
    }
}
