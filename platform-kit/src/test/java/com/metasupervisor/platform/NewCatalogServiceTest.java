package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.ServiceDefinition;
import com.metasupervisor.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8, acceptance 3: adding a service is a module plus one entry of the service catalog. Here one
 * entry is added to a copy of the catalog, next to a minimal module in a copy of the repository, and
 * the fleet ({@code ./ms run}), {@code ./ms bench} (the real script, with the Maven wrapper stubbed so
 * nothing is built), the deployment descriptor test and Topics' producers and consumers all pick it up.
 */
class NewCatalogServiceTest {

    private static final String NEW = "audit-service";
    private static final String ENTRY = """
              - name: audit-service
                port: 8091
                application-id: meta-supervisor-audit
                main-class: com.metasupervisor.audit.Application
                env-prefix: AUDIT
                benchmark:
                  main-class: com.metasupervisor.audit.AuditBenchmark
                  arguments: "[n]: n audited rows"
                reads: [alpha.reconciled, alerts.dlq]
                writes: [alerts]

            """;

    @TempDir
    Path root;

    private Path realRoot;
    private Path catalogCopy;
    private final List<Path> links = new ArrayList<>();

    @BeforeEach
    void copyTheRepositoryWithANewServiceEntryAndModule() throws IOException {
        realRoot = DeploymentDescriptorsTest.repoRoot().toAbsolutePath();
        catalogCopy = root.resolve("services.yaml");
        String bundled = bundledCatalog();
        assertThat(bundled).as("the bundled catalog lists its outside parties after its services").containsOnlyOnce("\nparties:");
        Files.writeString(catalogCopy, bundled.replaceFirst("(?m)^parties:", ENTRY + "parties:"));

        // the new module: its configuration, its benchmark execution and a "built" classpath
        write("audit-service/src/main/resources/application.yml", """
                micronaut:
                  application:
                    name: audit-service
                  server:
                    port: ${AUDIT_PORT:8091}
                kafka:
                  bootstrap:
                    servers: ${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}
                  streams:
                    default:
                      application.id: ${AUDIT_APPLICATION_ID:meta-supervisor-audit}
                """);
        write("audit-service/pom.xml", """
                <project><artifactId>audit-service</artifactId><build><plugins><plugin>
                  <artifactId>exec-maven-plugin</artifactId>
                  <executions>
                    <execution>
                      <id>bench</id>
                      <configuration><arguments>
                        <argument>com.metasupervisor.audit.AuditBenchmark</argument>
                        <argument>${bench.args}</argument>
                      </arguments></configuration>
                    </execution>
                  </executions>
                </plugin></plugins></build></project>
                """);
        write("audit-service/target/classpath.txt", "/libs/audit-dependency.jar\n");

        // the rest of the repository as it is: the services already there, the descriptors (copied: a test edits them)
        link("reconciler-service");
        link("risk-service");
        link("schemas");
        Files.copy(realRoot.resolve("docker-compose.yml"), root.resolve("docker-compose.yml"));
        Files.createDirectories(root.resolve("deploy"));
        try (Stream<Path> files = Files.list(realRoot.resolve("deploy"))) {
            for (Path file : files.toList()) {
                Files.copy(file, root.resolve("deploy").resolve(file.getFileName()));
            }
        }
        // ./ms itself, with a Maven wrapper that only records how it was called
        Files.copy(realRoot.resolve("ms"), root.resolve("ms"));
        write("mvnw", """
                #!/bin/sh
                # stands in for the Maven wrapper: records its arguments, builds and runs nothing
                printf '%s\\n' "$*" >> "$(dirname "$0")/mvnw.calls"
                """);
        for (String script : List.of("ms", "mvnw")) {
            Files.setPosixFilePermissions(root.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @AfterEach
    void removeLinks() throws IOException {
        for (Path link : links) {
            Files.deleteIfExists(link); // the link only, before the temporary directory is deleted
        }
    }

    @Test
    void topicsProducersAndConsumersComeFromTheCatalogCopy() {
        assertThat(Topics.ALERTS.deadLetterConsumers()).doesNotContain(NEW);

        withTheCopy(() -> {
            assertThat(Topics.ALPHA_RECONCILED.consumers())
                    .containsExactly("risk-service", "allocator-service", "governance-service", "reporting-service", NEW);
            assertThat(Topics.ALERTS.producers()).containsExactly("reconciler-service", "risk-service", NEW);
            assertThat(Topics.ALERTS.deadLetterConsumers()).containsExactly(NEW);
        });
    }

    @Test
    void theFleetPlansToStartTheNewServiceOnItsPortWithItsMainClassAndApplicationId() {
        ServiceFleet.Plan plan = ServiceFleet.plan(root, ServiceCatalog.load(catalogCopy));

        ServiceFleet.Launch audit = plan.launches().getLast();
        assertThat(audit.service().name()).isEqualTo(NEW);
        assertThat(audit.service().mainClass()).isEqualTo("com.metasupervisor.audit.Application");
        assertThat(audit.classpath()).isEqualTo(root.resolve("audit-service/target/classes") + ":/libs/audit-dependency.jar");
        assertThat(audit.config("broker:9092", "http://registry:8080", root.resolve("work")))
                .containsEntry("micronaut.server.port", "8091")
                .containsEntry("kafka.streams.default.application.id", "meta-supervisor-audit")
                .containsEntry("kafka.streams.default.state.dir", root.resolve("work/audit-service/state").toString())
                .containsEntry("kafka.bootstrap.servers", "broker:9092")
                .containsEntry("registry.url", "http://registry:8080");
        assertThat(plan.skipped()).contains("allocator-service (not in this build yet)", "governance-service (not in this build yet)",
                "reporting-service (not in this build yet)");

        ServiceFleet.Plan withoutTheEntry = ServiceFleet.plan(root, ServiceCatalog.bundled());
        assertThat(withoutTheEntry.launches()).extracting(launch -> launch.service().name()).doesNotContain(NEW);
        assertThat(withoutTheEntry.skipped()).noneMatch(skipped -> skipped.startsWith(NEW));
    }

    @Test
    void msBenchRunsTheNewServicesBenchmark() throws Exception {
        assertThat(realRoot.resolve("schemas/target/classpath.txt"))
                .as("schemas built (./ms asks the catalog on its classes): run ./ms mvn -pl schemas process-classes").isRegularFile();

        Run named = ms(Map.of(ServiceCatalog.PATH_ENV, catalogCopy.toString()), "bench", "audit", "1000");
        assertThat(named.status()).as("./ms bench audit 1000 with the copy; stderr: %s", named.err()).isZero();
        assertThat(named.mavenCalls()).containsExactly("-B -ntp -q install -DskipTests",
                "-B -ntp -q -pl audit-service exec:exec@bench -Dbench.args=1000");

        Run wrong = ms(Map.of(ServiceCatalog.PATH_ENV, catalogCopy.toString()), "bench", "nope");
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.err()).contains("no service called nope", "reconciler [n]", "risk [n]", "audit [n]: n audited rows");
        assertThat(wrong.mavenCalls()).as("built, then refused: nothing run").containsExactly("-B -ntp -q install -DskipTests");

        Run withoutTheEntry = ms(Map.of(), "bench", "audit");
        assertThat(withoutTheEntry.status()).as("the bundled catalog has no audit-service").isEqualTo(2);
        assertThat(withoutTheEntry.err()).contains("no service called audit").doesNotContain("audited rows");

        Run byDefault = ms(Map.of(ServiceCatalog.PATH_ENV, catalogCopy.toString()), "bench", "500");
        assertThat(byDefault.status()).isZero();
        assertThat(byDefault.mavenCalls()).as("a number first: the first service with a benchmark")
                .containsExactly("-B -ntp -q install -DskipTests", "-B -ntp -q -pl reconciler-service exec:exec@bench -Dbench.args=500");
    }

    @Test
    void theDescriptorTestExpectsTheNewServiceInComposeAndDeploy() throws IOException {
        withTheCopy(() -> {
            assertThat(DeploymentDescriptorsTest.builtServices()).containsExactly("reconciler-service", "risk-service", NEW);
            // as the copy of the repository stands, every per-service check that reads compose or deploy/ fails for it ...
            Map<String, String> failures = perServiceCheckFailures(NEW);
            assertThat(failures).containsKeys("everyServiceSetsOnlyEnvKeysItsConfigurationReads", "everyServiceListensOnOnePort",
                    "everyServiceAgreesWithItsCatalogEntry");
            assertThat(failures.get("everyServiceListensOnOnePort")).contains("audit-service");
            // ... and the services already there still pass with the copy
            assertThat(perServiceCheckFailures("reconciler-service")).isEmpty();
            assertThat(perServiceCheckFailures("risk-service")).isEmpty();
        });

        addTheNewServiceToComposeAndDeploy();

        withTheCopy(() -> {
            assertThat(perServiceCheckFailures(NEW)).isEmpty();
            new DeploymentDescriptorsTest().composeAndDeployHoldOnlyCatalogServices();
        });
        // with the bundled catalog, the descriptors now hold a service it does not know
        String home = System.setProperty(DeploymentDescriptorsTest.HOME_PROPERTY, root.toString());
        try {
            assertThatThrownBy(() -> new DeploymentDescriptorsTest().composeAndDeployHoldOnlyCatalogServices())
                    .hasMessageContaining("audit-service");
        } finally {
            restore(DeploymentDescriptorsTest.HOME_PROPERTY, home);
        }
    }

    /** Runs every per-service check of {@link DeploymentDescriptorsTest} for {@code service}: check → its failure. */
    private static Map<String, String> perServiceCheckFailures(String service) {
        List<Method> checks = Arrays.stream(DeploymentDescriptorsTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(ParameterizedTest.class))
                .filter(m -> Arrays.asList(m.getAnnotation(MethodSource.class).value()).contains("builtServices"))
                .toList();
        assertThat(checks).as("per-service checks of DeploymentDescriptorsTest").hasSizeGreaterThanOrEqualTo(5);
        Map<String, String> failures = new LinkedHashMap<>();
        for (Method check : checks) {
            try {
                check.setAccessible(true);
                check.invoke(new DeploymentDescriptorsTest(), service);
            } catch (InvocationTargetException e) {
                failures.put(check.getName(), String.valueOf(e.getCause().getMessage()));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return failures;
    }

    private void addTheNewServiceToComposeAndDeploy() throws IOException {
        Files.writeString(root.resolve("docker-compose.yml"), """

                  audit-service:
                    build:
                      context: audit-service
                      dockerfile: ../deploy/service.Dockerfile
                      args:
                        MAIN_CLASS: com.metasupervisor.audit.Application
                    entrypoint: *service-entrypoint
                    secrets:
                      - token-secret
                      - source: kafka-audit-service
                        target: kafka-password
                    ports:
                      - "8091:8091"
                    environment:
                      KAFKA_BOOTSTRAP_SERVERS: "kafka:29092"
                      REGISTRY_URL: "http://schema-registry:8080"
                      AUDIT_PORT: "8091"
                      KAFKA_SECURITY_PROTOCOL: "SASL_PLAINTEXT"
                      KAFKA_SASL_MECHANISM: "SCRAM-SHA-512"
                      MS_KAFKA_USERNAME: "audit-service"
                      MS_TOKEN_SECRET_FILE: "/run/secrets/token-secret"
                """, StandardOpenOption.APPEND);
        write("deploy/audit-service.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: audit-service
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: audit-service
                          image: meta-supervisor/audit-service:0.1.0
                          env:
                            - name: KAFKA_BOOTSTRAP_SERVERS
                              value: "kafka:9092"
                            - name: REGISTRY_URL
                              value: "http://schema-registry:8080"
                            - name: AUDIT_PORT
                              value: "8091"
                            - name: KAFKA_SECURITY_PROTOCOL
                              value: "SASL_PLAINTEXT"
                            - name: KAFKA_SASL_MECHANISM
                              value: "SCRAM-SHA-512"
                            - name: MS_KAFKA_PASSWORD
                              valueFrom:
                                secretKeyRef: {name: kafka-audit-service, key: password}
                            - name: KAFKA_SASL_JAAS_CONFIG
                              value: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="audit-service" password="$(MS_KAFKA_PASSWORD)";'
                            - name: MS_TOKEN_SECRET_FILE
                              value: "/etc/ms/token-secret"
                          readinessProbe:
                            httpGet: {path: /health/readiness, port: 8091}
                          livenessProbe:
                            httpGet: {path: /health/liveness, port: 8091}
                          volumeMounts:
                            - {name: token-secret, mountPath: /etc/ms, readOnly: true}
                      volumes:
                        - name: token-secret
                          secret: {secretName: ms-token-secret}
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: audit-service
                spec:
                  ports:
                    - {name: http, port: 8091, targetPort: 8091}
                """);
    }

    /** Runs {@code body} with the copies in force: the catalog copy, and the repository copy as the descriptor test's root. */
    private void withTheCopy(Runnable body) {
        String catalog = System.setProperty(ServiceCatalog.PATH_PROPERTY, catalogCopy.toString());
        String home = System.setProperty(DeploymentDescriptorsTest.HOME_PROPERTY, root.toString());
        try {
            assertThat(ServiceCatalog.standard().services()).extracting(ServiceDefinition::name).endsWith(NEW);
            body.run();
        } finally {
            restore(ServiceCatalog.PATH_PROPERTY, catalog);
            restore(DeploymentDescriptorsTest.HOME_PROPERTY, home);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** What one run of the copied {@code ./ms} did: exit status, stderr, and every call of the (stub) Maven wrapper so far. */
    record Run(int status, String err, List<String> mavenCalls) {
    }

    private Run ms(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path calls = root.resolve("mvnw.calls");
        Files.deleteIfExists(calls);
        List<String> command = new ArrayList<>(List.of(root.resolve("ms").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(root, "ms", ".out");
        Path err = Files.createTempFile(root, "ms", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(ServiceCatalog.PATH_ENV);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./ms " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Run(process.exitValue(), Files.readString(err),
                Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    private void link(String module) throws IOException {
        links.add(Files.createSymbolicLink(root.resolve(module), realRoot.resolve(module)));
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = root.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String bundledCatalog() {
        try (InputStream in = ServiceCatalog.class.getResourceAsStream(ServiceCatalog.BUNDLED)) {
            assertThat(in).as("the bundled service catalog").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
