package com.metasupervisor.reconciler.domain;

import com.metasupervisor.testkit.DomainRule;
import org.junit.jupiter.api.Test;

/** The reconciler's domain is pure Java: no Avro, Kafka or Micronaut type (mapping lives in topology). */
class DomainRuleTest {

    @Test
    void theDomainDependsOnNoAvroKafkaOrMicronautType() {
        DomainRule.check("com.metasupervisor.reconciler");
    }
}
