package com.metasupervisor.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rule every service's {@code domain} package keeps (the module README says why): pure Java, no Avro,
 * Kafka or Micronaut types, nor the generated Avro contracts; mapping to and from Avro lives in
 * {@code topology}. Checked on the compiled classes, so a fully qualified name or a transitive
 * signature counts as much as an import. A service's test calls
 * {@code DomainRule.check("com.metasupervisor.risk")}.
 */
public final class DomainRule {

    /** The packages a domain class may not depend on. */
    public static final String[] FORBIDDEN = {"org.apache.avro..", "org.apache.kafka..", "io.micronaut..", "com.metasupervisor.avro.."};

    private DomainRule() {
    }

    /** The rule for the classes of {@code <servicePackage>.domain} (and its sub-packages). */
    public static ArchRule rule(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN)
                .because("a domain is pure Java: Avro, Kafka and Micronaut stay in topology, api and config");
    }

    /** Checks the main classes of {@code <servicePackage>.domain}; fails with every offending dependency. */
    public static void check(String servicePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage + ".domain");
        rule(servicePackage).check(classes);
    }
}
