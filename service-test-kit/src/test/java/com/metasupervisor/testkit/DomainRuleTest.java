package com.metasupervisor.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class DomainRuleTest {

    private static final String FIXTURES = "com.metasupervisor.testkit.fixture";
    // the fixtures are test classes, which DomainRule.check leaves out: import them here
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(FIXTURES);

    @Test
    void aDomainOfPlainJavaPasses() {
        assertThatCode(() -> DomainRule.rule(FIXTURES + ".pure").check(CLASSES)).doesNotThrowAnyException();
    }

    @Test
    void aDomainUsingKafkaOrAnAvroContractFailsNamingEachDependency() {
        assertThatThrownBy(() -> DomainRule.rule(FIXTURES + ".impure").check(CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PriceSerde")
                .hasMessageContaining("org.apache.kafka.common.serialization.Serde")
                .hasMessageContaining("PriceRow")
                .hasMessageContaining("com.metasupervisor.avro.PriceTick");
    }

    @Test
    void aServiceWithoutADomainPackageFailsRatherThanPassingOnNothing() {
        assertThatThrownBy(() -> DomainRule.check(FIXTURES + ".nothing")).isInstanceOf(AssertionError.class);
    }
}
