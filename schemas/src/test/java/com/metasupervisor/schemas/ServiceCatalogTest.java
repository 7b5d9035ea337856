package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCatalogTest {

    /** A service entry as the file writes it, reading alpha.reconciled; {@code extra}: more keys (YAML lines, indented 4). */
    private static String service(String name, int port, String prefix, String... extra) {
        return """
                  - name: %s
                    port: %d
                    application-id: meta-supervisor-%s
                    main-class: com.metasupervisor.%s.Application
                    env-prefix: %s
                    reads: [alpha.reconciled]
                """.formatted(name, port, prefix.toLowerCase(), prefix.toLowerCase(), prefix) + String.join("", extra);
    }

    private static ServiceCatalog parse(String yaml) {
        return ServiceCatalog.parse(yaml, "test.yaml");
    }

    static String bundledText() {
        try (InputStream in = ServiceCatalog.class.getResourceAsStream(ServiceCatalog.BUNDLED)) {
            assertThat(in).as("bundled %s", ServiceCatalog.BUNDLED).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theBundledCatalogHasEveryServiceInStartOrderWithItsPortApplicationIdAndEnvPrefix() {
        ServiceCatalog catalog = ServiceCatalog.bundled();

        assertThat(catalog.services()).extracting(ServiceDefinition::name).containsExactly(
                "reconciler-service", "risk-service", "allocator-service", "governance-service", "reporting-service");
        assertThat(catalog.services()).extracting(ServiceDefinition::port).containsExactly(8081, 8082, 8083, 8084, 8085);
        assertThat(catalog.services()).extracting(ServiceDefinition::envPrefix)
                .containsExactly("RECONCILER", "RISK", "ALLOCATOR", "GOVERNANCE", "REPORTING");
        ServiceDefinition risk = catalog.service("risk-service").orElseThrow();
        assertThat(risk.applicationId()).isEqualTo("meta-supervisor-risk");
        assertThat(risk.mainClass()).isEqualTo("com.metasupervisor.risk.Application");
        assertThat(risk.shortName()).isEqualTo("risk");
        assertThat(risk.envKey("APPLICATION_SERVER")).isEqualTo("RISK_APPLICATION_SERVER");
        assertThat(risk.benchmark()).get().extracting(ServiceBenchmark::mainClass).isEqualTo("com.metasupervisor.risk.RiskBenchmark");
        assertThat(catalog.benchmarked()).extracting(ServiceDefinition::name)
                .containsExactly("reconciler-service", "risk-service", "allocator-service", "governance-service");
        assertThat(catalog.outsideParties()).extracting(OutsideParty::name)
                .containsExactly("trading-agents", "market-data", "ops", "downstream-traders", "learning-loop");
    }

    @Test
    void riskReadsAlphaReconciledTheDeadLettersOfAlphaEventsAndTheSimModels() {
        ServiceDefinition risk = ServiceCatalog.bundled().service("risk-service").orElseThrow();

        assertThat(risk.reads()).containsExactly(TopicRef.of(Topics.ALPHA_RECONCILED),
                TopicRef.deadLetterOf(Topics.ALPHA_EVENTS), TopicRef.of(Topics.MODELS_SIM));
        assertThat(risk.writes()).extracting(TopicRef::name)
                .containsExactly("risk.strategy-cvar", "risk.agent-stats", "alerts", "alpha.reconciled.dlq");
    }

    @Test
    void theInputTopicsAreThoseAnOutsidePartyWritesEvenWhenAServiceWritesThemToo() {
        assertThat(ServiceCatalog.bundled().writtenByOutsideParties()).containsExactly(Topics.ALPHA_EVENTS,
                Topics.MARKET_PRICES, Topics.MARKET_REGIME, Topics.CONTROL_GUARDIAN, Topics.GOVERNANCE_CONFIG_PATCHES,
                Topics.CONTROL_OPS);

        // a party that also writes alerts and a dead-letter topic: alerts becomes an input, the .dlq is no catalog topic
        ServiceCatalog copy = parse(bundledText().replace("writes: [market.regime, control.guardian, control.ops]",
                "writes: [market.regime, control.guardian, control.ops, alerts, alpha.reconciled.dlq]"));
        assertThat(copy.writtenByOutsideParties()).containsExactly(Topics.ALPHA_EVENTS, Topics.MARKET_PRICES,
                Topics.MARKET_REGIME, Topics.CONTROL_GUARDIAN, Topics.ALERTS, Topics.GOVERNANCE_CONFIG_PATCHES,
                Topics.CONTROL_OPS);
    }

    @Test
    void aTopicReferenceIsACatalogTopicOrItsDeadLetterTopic() {
        assertThat(TopicRef.parse("alpha.events")).isEqualTo(TopicRef.of(Topics.ALPHA_EVENTS));
        assertThat(TopicRef.parse("alpha.events.dlq")).isEqualTo(TopicRef.deadLetterOf(Topics.ALPHA_EVENTS));
        assertThat(TopicRef.parse("alpha.events.dlq").name()).isEqualTo("alpha.events.dlq");
        assertThatThrownBy(() -> TopicRef.parse("alpha.event")).hasMessageContaining("'alpha.event' is neither a catalog topic");
        assertThatThrownBy(() -> TopicRef.parse("nope.dlq")).hasMessageContaining("'nope.dlq'");
        assertThatThrownBy(() -> TopicRef.parse("alpha.events.dlq.dlq")).hasMessageContaining("'alpha.events.dlq.dlq'");
    }

    @Test
    void anEntryAddedToACopyIsAServiceWithItsTopicsAndFeedsTheLookups() {
        ServiceCatalog copy = parse(bundledText().replaceFirst("(?m)^parties:",
                service("audit-service", 8091, "AUDIT", """
                            benchmark: {main-class: com.metasupervisor.audit.AuditBenchmark, arguments: "[n]: n rows"}
                            writes: [alerts, alpha.reconciled.dlq]
                        """) + "\nparties:"));

        assertThat(copy.services()).extracting(ServiceDefinition::name).endsWith("audit-service").hasSize(6);
        assertThat(copy.benchmarked()).extracting(ServiceDefinition::name).endsWith("audit-service");
        assertThat(copy.consumersOf(Topics.ALPHA_RECONCILED)).endsWith("audit-service");
        assertThat(copy.producersOf(Topics.ALERTS)).containsExactly("reconciler-service", "risk-service", "audit-service");
        assertThat(copy.writersOf(TopicRef.deadLetterOf(Topics.ALPHA_RECONCILED))).containsExactly("risk-service", "audit-service");
        assertThat(ServiceCatalog.bundled().consumersOf(Topics.ALPHA_RECONCILED)).doesNotContain("audit-service");
    }

    @Test
    void runConfigGivesTheKeysLocalRunSetsWithTheRunDirectoryFilledIn() {
        ServiceDefinition governance = ServiceCatalog.bundled().services().stream()
                .filter(s -> s.name().equals("governance-service")).findFirst().orElseThrow();
        assertThat(governance.runConfig("/runs/1/governance-service"))
                .containsEntry("governance.config-repo.path", "/runs/1/governance-service/config-repo");
        // reporting writes pull requests to the repository governance reads
        ServiceDefinition reporting = ServiceCatalog.bundled().service("reporting-service").orElseThrow();
        assertThat(java.nio.file.Path.of(reporting.runConfig("/runs/1/reporting-service").get("reporting.config-repo.path")).normalize())
                .isEqualTo(java.nio.file.Path.of(governance.runConfig("/runs/1/governance-service").get("governance.config-repo.path")));
        assertThat(ServiceCatalog.bundled().services().get(0).runConfig("/x")).isEmpty();
        assertThatThrownBy(() -> parse("services:\n" + service("audit-service", 8091, "AUDIT", """
                    run-config: {"Audit_Path": x}
                    writes: [alerts]
                """))).hasMessageContaining("audit-service: run-config key must be a dotted kebab-case configuration key, was 'Audit_Path'");
    }

    @Test
    void aTopicThatIsNotInTheCatalogIsAnErrorNamingTheServiceAndTheTopic() {
        assertThatThrownBy(() -> parse("services:\n" + service("audit-service", 8091, "AUDIT", "    writes: [alpha.event]\n")))
                .isInstanceOf(ServiceCatalogException.class)
                .hasMessageContaining("service catalog test.yaml: audit-service: writes: 'alpha.event' is neither a catalog topic");
        assertThatThrownBy(() -> parse("parties:\n  - {name: ops, description: operators, reads: [alerts.dlq.dlq]}\n"))
                .hasMessageContaining("ops: reads: 'alerts.dlq.dlq'");
    }

    @Test
    void twoServicesCannotShareANamePortApplicationIdEnvPrefixOrMainClass() {
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A") + service("b-service", 8091, "B")))
                .isInstanceOf(ServiceCatalogException.class)
                .hasMessage("service catalog test.yaml: port 8091 belongs to both a-service and b-service");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A") + service("a-service", 8092, "B")))
                .hasMessage("service catalog test.yaml: name a-service belongs to both a-service and a-service");
        assertThatThrownBy(() -> parse("services:\n" + service("ops", 8091, "A")
                + "parties:\n  - {name: ops, description: operators, reads: [alerts]}\n"))
                .hasMessage("service catalog test.yaml: name ops belongs to both ops and ops");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A")
                + service("b-service", 8092, "B").replace("meta-supervisor-b", "meta-supervisor-a")))
                .hasMessage("service catalog test.yaml: application-id meta-supervisor-a belongs to both a-service and b-service");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A")
                + service("b-service", 8092, "B").replace("env-prefix: B", "env-prefix: A")))
                .hasMessage("service catalog test.yaml: env-prefix A belongs to both a-service and b-service");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A")
                + service("b-service", 8092, "B").replace("metasupervisor.b.", "metasupervisor.a.")))
                .hasMessage("service catalog test.yaml: main-class com.metasupervisor.a.Application belongs to both a-service and b-service");
    }

    @Test
    void aMistypedKeyIsNamedWithItsLine() {
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A").replace("port:", "prot:")))
                .isInstanceOf(ServiceCatalogException.class)
                .hasMessageContaining("service catalog test.yaml: services[0].prot (line 3,")
                .hasMessageContaining("unknown key 'prot' (known: application-id, benchmark, env-prefix, main-class, name, port, reads, run-config, writes)");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A") + "    port: 8092\n"))
                .hasMessageContaining("(line 8,").hasMessageContaining("port");
        assertThatThrownBy(() -> parse("servces: []\n")).hasMessageContaining("unknown key 'servces'");
    }

    @Test
    void aMissingOrMalformedValueIsNamed() {
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A").replace("    port: 8091\n", "")))
                .hasMessage("service catalog test.yaml: a-service: port is required");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A").replace("8091", "http")))
                .hasMessageContaining("services[0].port (line 3,");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 70000, "A")))
                .hasMessage("service catalog test.yaml: a-service: port must be in 1..65535, was 70000");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "lower")))
                .hasMessageContaining("a-service: env-prefix must be upper case words joined by '_'");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A").replace("com.metasupervisor.a.Application", "Application")))
                .hasMessageContaining("a-service: main-class must be a fully qualified class name");
        assertThatThrownBy(() -> parse("services:\n" + service("A_Service", 8091, "A")))
                .hasMessageContaining("name must be lower case words joined by hyphens (e.g. risk-service), was 'A_Service'");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A", "    benchmark: {arguments: \"[n]\"}\n")))
                .hasMessageContaining("a-service: benchmark main-class must be a fully qualified class name, was missing");
        assertThatThrownBy(() -> parse("services:\n" + service("a-service", 8091, "A").replace("[alpha.reconciled]", "[alerts, alerts]")))
                .hasMessage("service catalog test.yaml: a-service: reads names alerts twice");
        assertThatThrownBy(() -> parse("parties:\n  - {name: nobody, description: reads nothing}\n"))
                .hasMessageContaining("nobody: reads and writes no topic");
        assertThatThrownBy(() -> parse("parties:\n  - {name: ops, reads: [alerts]}\n"))
                .hasMessageContaining("ops: description is required");
        assertThatThrownBy(() -> parse("")).hasMessage("service catalog test.yaml: the file is empty");
    }

    @Test
    void theCatalogInForceIsTheFileTheSystemPropertyNames(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("copy.yaml");
        Files.writeString(copy, "services:\n" + service("audit-service", 8091, "AUDIT"));
        String before = System.getProperty(ServiceCatalog.PATH_PROPERTY);
        try {
            System.setProperty(ServiceCatalog.PATH_PROPERTY, copy.toString());
            assertThat(ServiceCatalog.standard().services()).extracting(ServiceDefinition::name).containsExactly("audit-service");
            assertThat(ServiceCatalog.standard().source()).isEqualTo(copy.toAbsolutePath().toString());
            System.setProperty(ServiceCatalog.PATH_PROPERTY, dir.resolve("missing.yaml").toString());
            assertThatThrownBy(ServiceCatalog::standard).isInstanceOf(ServiceCatalogException.class)
                    .hasMessageContaining("missing.yaml: cannot read it");
        } finally {
            if (before == null) {
                System.clearProperty(ServiceCatalog.PATH_PROPERTY);
            } else {
                System.setProperty(ServiceCatalog.PATH_PROPERTY, before);
            }
        }
        assertThat(ServiceCatalog.standard().services()).hasSize(ServiceCatalog.bundled().services().size());
    }

    @Test
    void theCommandLineNamesTheServiceWhoseBenchmarkRunsOrListsThoseThatHaveOne() {
        assertThat(query("benchmark")).isEqualTo(new Answer(0, "reconciler-service\n", ""));
        assertThat(query("benchmark", "risk")).isEqualTo(new Answer(0, "risk-service\n", ""));
        assertThat(query("benchmark", "risk-service")).isEqualTo(new Answer(0, "risk-service\n", ""));

        assertThat(query("benchmark", "allocator")).isEqualTo(new Answer(0, "allocator-service\n", ""));
        Answer noBenchmark = query("benchmark", "reporting");
        assertThat(noBenchmark.status()).isEqualTo(2);
        assertThat(noBenchmark.out()).isEmpty();
        assertThat(noBenchmark.err()).startsWith("ms bench: reporting has no benchmark in the service catalog")
                .contains("services with a benchmark: reconciler [n]: n alpha calls (default 200 000); risk [n]:");
        assertThat(query("benchmark", "nope").err()).startsWith("ms bench: no service called nope");

        Answer services = query("services");
        assertThat(services.status()).isZero();
        assertThat(services.out().lines().toList()).hasSize(5)
                .first().asString().startsWith("reconciler-service").contains("8081", "meta-supervisor-reconciler", "bench reconciler");
        assertThat(query("what").status()).isEqualTo(2);
    }

    record Answer(int status, String out, String err) {
    }

    private static Answer query(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ServiceCatalogMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Answer(status, out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"),
                err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
