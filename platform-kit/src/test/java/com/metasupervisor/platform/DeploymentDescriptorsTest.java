package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.metasupervisor.schemas.ServiceBenchmark;
import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.ServiceDefinition;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicRetention;
import com.metasupervisor.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Docker is not available everywhere the build runs, so {@code docker-compose.yml} and the
 * Kubernetes manifests under {@code deploy/} cannot be started by the tests. Instead they are
 * parsed here and checked against the code: the topics against the catalog ({@link Topics}), the
 * services against the service catalog ({@link ServiceCatalog}: which must be there, their ports, env
 * keys, application ids, main classes and benchmarks, also as their application.yml and pom say),
 * the Kafka image against the kafka-clients version of the build, the registry image against the
 * registry app version the platform kit runs, the settings a one-broker and a three-broker
 * cluster need, and what makes an installation durable: each topic's retention configs as the catalog states them
 * ({@link Topic#kafkaConfigs()}), the registry's KafkaSQL storage and its never-deleted journal topics, Kafka's data
 * volume, and probes that never restart a service for an outage of Kafka or the registry.
 */
class DeploymentDescriptorsTest {

    /** {@code create <topic> <partitions> <cleanup.policy> [k=v ...]}, one line per topic, in the topic scripts. */
    private static final Pattern CREATE_LINE = Pattern.compile(
            "(?m)^[ \\t]*create[ \\t]+(\\S+)[ \\t]+(\\S+)[ \\t]+(\\S+)((?:[ \\t]+[^\\s=]+=\\S*)*)[ \\t]*$");
    /** {@code registry_topic <name>}: one of Apicurio's KafkaSQL topics, in the topic scripts. */
    private static final Pattern REGISTRY_TOPIC_LINE = Pattern.compile("(?m)^[ \\t]*registry_topic[ \\t]+(\\S+)[ \\t]*$");
    /** The body of the shell function {@code name() { ... }} of a script. */
    private static final String FUNCTION_BODY = "(?s)%s\\(\\)\\s*\\{(.*?)\\n\\s*}";
    /** Apicurio's KafkaSQL topics (journal, snapshots, events), created by the topic scripts since its auto-create is off. */
    private static final Set<String> REGISTRY_TOPICS = Set.of("kafkasql-journal", "kafkasql-snapshots", "registry-events");
    /** The registry env that makes its storage Kafka, without the bootstrap address (compose's and Kubernetes' differ). */
    private static final Map<String, String> REGISTRY_KAFKASQL_ENV = Map.of("APICURIO_STORAGE_KIND", "kafkasql",
            "APICURIO_KAFKASQL_TOPIC_AUTO_CREATE", "false");
    private static final String REGISTRY_BOOTSTRAP_ENV = "APICURIO_KAFKASQL_BOOTSTRAP_SERVERS";
    private static final String KAFKA_DATA_DIR = "/var/lib/kafka/data";
    private static final Pattern REPLICATION_FACTOR = Pattern.compile("--replication-factor[ \\t=]+(\\S+)");

    /** The same property as {@code ./ms run} passes to {@link PlatformMain}: where the repository is. */
    static final String HOME_PROPERTY = "meta-supervisor.home";

    private static final String COMPOSE = "docker-compose.yml";
    private static final String K8S_KAFKA = "deploy/kafka.yaml";
    private static final String K8S_REGISTRY = "deploy/schema-registry.yaml";
    private static final String K8S_TOPICS = "deploy/topics.yaml";
    private static final String K8S_REGISTRY_INIT = "deploy/registry-init.yaml";
    private static final String DOCKERFILE = "deploy/service.Dockerfile";
    private static final String K8S_KAFKA_ACCESS = "deploy/kafka-access.yaml";
    private static final String GITIGNORE = ".gitignore";

    /** What compose's and Kubernetes' registry-init run: {@code ./ms registry init} in the cli's image. */
    private static final List<String> REGISTRY_INIT_ARGS = List.of("registry", "init", "--url", "http://schema-registry:8080");
    private static final String CLI_MAIN_CLASS = "com.metasupervisor.cli.MsCli";

    private static final String REGISTRY_IMAGE_REPOSITORY = "apicurio/apicurio-registry";
    private static final String COMPATIBILITY_ENV = "APICURIO_RULES_GLOBAL_COMPATIBILITY";

    /**
     * One topic as a script creates it (partitions kept as text, so a malformed number shows up as a difference), its
     * configs sorted by key, {@code cleanup.policy} included.
     */
    record TopicSpec(String name, String partitions, Map<String, String> configs) implements Comparable<TopicSpec> {
        TopicSpec {
            configs = new java.util.TreeMap<>(configs);
        }

        @Override
        public int compareTo(TopicSpec other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return name + " " + partitions + " " + configs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
        }
    }

    // ---------------------------------------------------------------------------------------- compose

    @Test
    @DisplayName("docker-compose.yml parses and declares the kafka, schema-registry and topics-init services")
    void composeParsesAndHasTheInfrastructureServices() {
        Map<String, Object> services = composeServices();

        assertThat(services).as("services of %s", COMPOSE).containsKeys("kafka", "schema-registry", "topics-init");
        assertThat(map(services.get("kafka"), "kafka").get("healthcheck"))
                .as("%s: kafka needs a healthcheck (topics-init waits for it)", COMPOSE).isNotNull();
        assertThat(String.valueOf(map(services.get("schema-registry"), "schema-registry").get("healthcheck")))
                .as("%s: schema-registry healthcheck must probe /health/ready", COMPOSE).contains("/health/ready");

        Map<String, Object> dependsOn = map(map(services.get("topics-init"), "topics-init").get("depends_on"),
                "topics-init.depends_on (long form, with a condition)");
        assertThat(map(dependsOn.get("kafka"), "topics-init.depends_on.kafka").get("condition"))
                .as("%s: topics-init must wait until kafka is healthy", COMPOSE).isEqualTo("service_healthy");
    }

    @Test
    @DisplayName("compose topics-init creates exactly the catalog topics and their .dlq topics, with the catalog's partitions and retention configs")
    void composeTopicsInitCreatesExactlyTheCatalogTopics() {
        String script = composeScript("topics-init");

        assertCreatesExactlyTheCatalog(COMPOSE + " (service topics-init)", script);
        assertCreatePassesItsConfigsAndAltersExistingTopics(COMPOSE + " (service topics-init)", script);
    }

    @Test
    @DisplayName("compose topics-init creates the registry's KafkaSQL topics: 1 partition, delete, retention.ms and retention.bytes -1")
    void composeTopicsInitCreatesTheRegistryJournalTopics() {
        assertCreatesTheRegistryTopics(COMPOSE + " (service topics-init)", composeScript("topics-init"), Map.of());
    }

    @Test
    @DisplayName("compose registry stores its schemas in Kafka (KafkaSQL on kafka:29092, no auto-created topics) and starts after topics-init")
    void composeRegistryStoresItsSchemasInKafka() {
        assertThat(composeEnv("schema-registry")).as("%s schema-registry environment", COMPOSE)
                .containsAllEntriesOf(REGISTRY_KAFKASQL_ENV).containsEntry(REGISTRY_BOOTSTRAP_ENV, "kafka:29092");
        Map<String, Object> dependsOn = map(map(composeServices().get("schema-registry"), "schema-registry").get("depends_on"),
                COMPOSE + ": schema-registry.depends_on (long form)");
        assertThat(map(dependsOn.get("topics-init"), "schema-registry.depends_on.topics-init").get("condition"))
                .as("%s: the registry starts once its journal topics exist", COMPOSE).isEqualTo("service_completed_successfully");
    }

    @Test
    @DisplayName("compose kafka keeps its log dir on the named volume kafka-data, so topics survive down/up")
    void composeKafkaKeepsItsDataOnANamedVolume() {
        Map<String, Object> kafka = map(composeServices().get("kafka"), COMPOSE + ": service kafka");
        assertThat(composeEnv("kafka")).as("%s kafka environment", COMPOSE).containsEntry("KAFKA_LOG_DIRS", KAFKA_DATA_DIR);
        assertThat(list(kafka.get("volumes"), COMPOSE + ": kafka.volumes")).as("%s kafka volumes", COMPOSE)
                .contains("kafka-data:" + KAFKA_DATA_DIR);
        Map<String, Object> volumes = map(map(yaml().load(read(COMPOSE)), COMPOSE).get("volumes"), COMPOSE + ": volumes");
        assertThat(volumes).as("%s: top-level named volumes", COMPOSE).containsKey("kafka-data");
    }

    @Test
    @DisplayName("compose topics-init uses replication factor 1, --if-not-exists and the internal listener kafka:29092")
    void composeTopicsInitUsesReplicationOneOnTheInternalListener() {
        String script = composeScript("topics-init");

        assertThat(replicationFactors(script))
                .as("%s topics-init: every --replication-factor must be 1 (one broker)", COMPOSE)
                .isNotEmpty().containsOnly("1");
        assertThat(script).as("%s topics-init must be idempotent", COMPOSE).contains("--if-not-exists");
        assertThat(script).as("%s topics-init must reach Kafka on its internal listener", COMPOSE)
                .contains("--bootstrap-server kafka:29092");
    }

    @Test
    @DisplayName("compose topics-init escapes every $ as $$ (compose would otherwise interpolate $1, $2, $3 to nothing)")
    void composeTopicsInitEscapesDollarSigns() {
        String script = composeScript("topics-init");

        assertThat(script.replace("$$", ""))
                .as("%s topics-init: a single $ is interpolated by docker compose; write $$ for the shell", COMPOSE)
                .doesNotContain("$");
    }

    @Test
    @DisplayName("compose kafka is a single KRaft node: transaction state log replication 1 and min ISR 1, no auto-created topics")
    void composeKafkaHasSingleNodeReplicationSettings() {
        Map<String, String> env = composeEnv("kafka");

        assertThat(env).as("%s kafka environment", COMPOSE)
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS"))
                .as("%s kafka: containers use kafka:29092 (INTERNAL), the host localhost:9092 (EXTERNAL)", COMPOSE)
                .contains("INTERNAL://kafka:29092", "EXTERNAL://localhost:9092");
    }

    @Test
    @DisplayName("compose publishes Kafka on host port 9092 and the registry on host port 8080")
    void composePublishesTheDocumentedPorts() {
        assertThat(publishedPorts("kafka")).as("%s kafka ports (host -> container)", COMPOSE)
                .containsEntry("9092", "9092");
        assertThat(publishedPorts("schema-registry")).as("%s schema-registry ports (host -> container)", COMPOSE)
                .containsEntry("8080", "8080");
    }

    @Test
    @DisplayName("compose registry enforces BACKWARD compatibility and runs the registry version of the build")
    void composeRegistryEnforcesBackwardCompatibility() {
        assertThat(composeEnv("schema-registry")).as("%s schema-registry environment", COMPOSE)
                .containsEntry(COMPATIBILITY_ENV, "BACKWARD");
        assertThat(map(composeServices().get("schema-registry"), "schema-registry").get("image"))
                .as("%s schema-registry image must be the registry app version the platform kit runs", COMPOSE)
                .isEqualTo(REGISTRY_IMAGE_REPOSITORY + ":" + registryVersionOfTheBuild());
    }

    @Test
    @DisplayName("compose registry-init registers every catalog subject with ./ms registry init once the registry is healthy, and every service waits for it")
    void composeRegistryInitRunsBeforeEveryService() {
        Map<String, Object> init = map(composeServices().get("registry-init"), COMPOSE + ": service registry-init");
        Map<String, Object> build = map(init.get("build"), COMPOSE + ": registry-init.build");
        assertThat(build.get("context")).as("%s: registry-init is built from the cli module", COMPOSE).isEqualTo("cli");
        assertThat(build.get("dockerfile")).as("%s: registry-init image", COMPOSE).isEqualTo("../" + DOCKERFILE);
        assertThat(map(build.get("args"), COMPOSE + ": registry-init.build.args").get("MAIN_CLASS"))
                .as("%s: registry-init MAIN_CLASS", COMPOSE).isEqualTo(CLI_MAIN_CLASS);
        assertThat(init.get("command")).as("%s: registry-init command", COMPOSE).isEqualTo(REGISTRY_INIT_ARGS);
        Map<String, Object> dependsOn = map(init.get("depends_on"), COMPOSE + ": registry-init.depends_on (long form)");
        assertThat(map(dependsOn.get("schema-registry"), "registry-init.depends_on.schema-registry").get("condition"))
                .as("%s: registry-init must wait until the registry is healthy", COMPOSE).isEqualTo("service_healthy");

        for (String service : builtServices()) {
            Map<String, Object> serviceDependsOn = map(map(composeServices().get(service), COMPOSE + ": service " + service)
                    .get("depends_on"), COMPOSE + ": " + service + ".depends_on (long form)");
            assertThat(map(serviceDependsOn.get("registry-init"), service + ".depends_on.registry-init").get("condition"))
                    .as("%s: %s must start after registry-init completed", COMPOSE, service)
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    @DisplayName("the registry-init image is the cli's: its main class exists, its pom copies target/lib, and the image passes the command to it")
    void theRegistryInitImageRunsTheCli() {
        assertThat(repoRoot().resolve("cli/src/main/java/" + CLI_MAIN_CLASS.replace('.', '/') + ".java"))
                .as("the cli's main class").isRegularFile();
        assertThat(read("cli/pom.xml").replaceAll("\\s", ""))
                .as("cli/pom.xml must not switch off the service-lib execution: the image copies target/lib")
                .doesNotContain("<id>service-lib</id><phase>none</phase>");
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT (.*)$").matcher(read(DOCKERFILE));
        assertThat(entrypoint.find()).as("%s has an ENTRYPOINT", DOCKERFILE).isTrue();
        assertThat(entrypoint.group(1)).as("%s: the container's command reaches the main class as its arguments", DOCKERFILE)
                .contains("\\\"$MAIN_CLASS\\\" \\\"$@\\\"\"", "\"--\"]");
    }

    // ---------------------------------------------------------------------------------- kafka security

    /** The broker settings that make every client authenticate and every action need an ACL (or the super user). */
    private static final Map<String, String> AUTHORIZER_ENV = Map.of(
            "KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "KAFKA_SUPER_USERS", "User:admin",
            "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false",
            "KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512",
            "KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "SCRAM-SHA-512");
    private static final String SCRAM = "SCRAM-SHA-512";
    /** A {@code password=} in a descriptor: its value must be a reference ($VAR, $(cat file), $(VAR)), never a literal. */
    private static final Pattern PASSWORD_VALUE = Pattern.compile("(?i)password\\s*=\\s*\\\\?\"?([^\"\\\\\\s;,\\]]*)");

    /** Every principal a password may be given for (the catalog's parties, the registry, admin): H3's access model. */
    private static Set<String> principalNames() {
        return com.metasupervisor.platform.kafka.KafkaAccessControl.of(catalog()).principalNames();
    }

    @Test
    @DisplayName("compose and deploy/ Kafka: SASL/SCRAM on every listener, StandardAuthorizer, super user admin, nothing allowed without an ACL")
    void kafkaAuthenticatesEveryClientAndAuthorizesEveryAction() {
        Map<String, String> compose = composeEnv("kafka");
        Map<String, String> k8s = k8sEnv(K8S_KAFKA, "StatefulSet", "kafka");
        assertThat(compose).as("%s kafka environment", COMPOSE).containsAllEntriesOf(AUTHORIZER_ENV);
        assertThat(k8s).as("%s kafka environment", K8S_KAFKA).containsAllEntriesOf(AUTHORIZER_ENV);
        for (Map.Entry<String, Map<String, String>> where : Map.of(COMPOSE, compose, K8S_KAFKA, k8s).entrySet()) {
            String map = where.getValue().getOrDefault("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "");
            assertThat(map.split(",")).as("%s: every listener authenticates (KAFKA_LISTENER_SECURITY_PROTOCOL_MAP)", where.getKey())
                    .isNotEmpty().allSatisfy(listener -> assertThat(listener).matches("[A-Z_]+:SASL_(PLAINTEXT|SSL)"));
            assertThat(where.getValue().get("KAFKA_SASL_MECHANISM_CONTROLLER_PROTOCOL"))
                    .as("%s: the KRaft controller listener (SCRAM cannot authenticate the quorum)", where.getKey()).isEqualTo("PLAIN");
        }
        assertThat(composeScript("kafka")).as("%s kafka: its logins from the admin's secret file", COMPOSE)
                .contains("/run/secrets/kafka-admin", "java.security.auth.login.config", "exec /etc/kafka/docker/run");
        assertThat(k8sScript(K8S_KAFKA, "StatefulSet", "kafka")).as("%s kafka: its logins from the admin's Secret", K8S_KAFKA)
                .contains("/etc/kafka/admin/password", "java.security.auth.login.config", "exec /etc/kafka/docker/run");
    }

    @Test
    @DisplayName("the admin's SCRAM credential is written when the storage is formatted, before the broker's first start (compose and deploy/)")
    void theAdminsCredentialIsBootstrappedWhenTheStorageIsFormatted() {
        Map<String, Object> format = map(composeServices().get("kafka-format"), COMPOSE + ": service kafka-format");
        assertThat(format.get("image")).as("%s kafka-format image", COMPOSE).isEqualTo(map(composeServices().get("kafka"), "kafka").get("image"));
        assertThat(text(format.get("volumes"))).as("%s kafka-format formats Kafka's volume", COMPOSE).contains("kafka-data:" + KAFKA_DATA_DIR);
        assertThat(composeScript("kafka-format")).as("%s kafka-format", COMPOSE)
                .contains("kafka-storage.sh format", "--ignore-formatted", "--add-scram \"SCRAM-SHA-512=[name=admin,password=$$(cat /run/secrets/kafka-admin)]\"");
        assertThat(map(map(map(composeServices().get("kafka"), "kafka").get("depends_on"), COMPOSE + ": kafka.depends_on")
                .get("kafka-format"), "kafka.depends_on.kafka-format").get("condition"))
                .as("%s: the broker starts on the formatted volume", COMPOSE).isEqualTo("service_completed_successfully");

        Map<String, Object> podSpec = map(map(map(k8sObject(K8S_KAFKA, "StatefulSet", "kafka").get("spec"), "spec").get("template"),
                "template").get("spec"), "template.spec");
        Map<String, Object> init = map(list(podSpec.get("initContainers"), K8S_KAFKA + ": initContainers").getFirst(), "initContainer");
        assertThat(init.get("name")).as("%s: the first init container", K8S_KAFKA).isEqualTo("format");
        assertThat(text(init.get("args"))).as("%s init container format", K8S_KAFKA)
                .contains("kafka-storage.sh format", "--ignore-formatted", "--add-scram \"SCRAM-SHA-512=[name=admin,password=$(cat /etc/kafka/admin/password)]\"",
                        "log.dirs=" + k8sEnv(K8S_KAFKA, "StatefulSet", "kafka").get("KAFKA_LOG_DIRS"));
    }

    @Test
    @DisplayName("compose: kafka-access sets every principal's credential and the catalog's ACLs after topics-init, before the registry and the services")
    void composeKafkaAccessRunsAfterTheTopicsAndBeforeTheRegistryAndTheServices() {
        Map<String, Object> access = map(composeServices().get("kafka-access"), COMPOSE + ": service kafka-access");
        assertThat(map(map(access.get("build"), "kafka-access.build").get("args"), "kafka-access.build.args").get("MAIN_CLASS"))
                .as("%s kafka-access runs the cli", COMPOSE).isEqualTo(CLI_MAIN_CLASS);
        assertThat(dependsOn(access, "kafka-access", "topics-init")).as("%s: kafka-access after topics-init", COMPOSE)
                .isEqualTo("service_completed_successfully");
        assertThat(composeScript("kafka-access")).as("%s kafka-access command", COMPOSE)
                .contains("kafka-access --apply", "--bootstrap-servers kafka:29092", "--command-config /tmp/admin.properties",
                        "--passwords-dir /run/secrets/kafka", "password=\\\"$$(cat /run/secrets/kafka/admin)\\\"");
        Map<String, String> mounted = new TreeMap<>();
        for (Object secret : list(access.get("secrets"), COMPOSE + ": kafka-access.secrets")) {
            Map<String, Object> longSyntax = map(secret, COMPOSE + ": kafka-access secret (long syntax)");
            mounted.put(String.valueOf(longSyntax.get("target")), String.valueOf(longSyntax.get("source")));
        }
        Map<String, String> expected = new TreeMap<>();
        principalNames().forEach(name -> expected.put("/run/secrets/kafka/" + name, "kafka-" + name));
        assertThat(mounted).as("%s kafka-access: one password file per principal, named after it, and nothing else", COMPOSE)
                .isEqualTo(expected);
        Map<String, Object> secrets = map(map(yaml().load(read(COMPOSE)), COMPOSE).get("secrets"), COMPOSE + ": top-level secrets");
        for (String name : principalNames()) {
            assertThat(String.valueOf(map(secrets.get("kafka-" + name), "secret kafka-" + name).get("file")))
                    .as("%s: the password file of %s", COMPOSE, name).isEqualTo("./secrets/kafka/" + name);
        }

        assertThat(dependsOn(map(composeServices().get("schema-registry"), "schema-registry"), "schema-registry", "kafka-access"))
                .as("%s: the registry logs in once kafka-access completed", COMPOSE).isEqualTo("service_completed_successfully");
        for (String service : builtServices()) {
            assertThat(dependsOn(map(composeServices().get(service), service), service, "kafka-access"))
                    .as("%s: %s starts after kafka-access completed", COMPOSE, service).isEqualTo("service_completed_successfully");
        }
    }

    @Test
    @DisplayName("deploy/: the kafka-access Job applies every principal's credential and the catalog's ACLs as admin")
    void kubernetesKafkaAccessJobAppliesTheCatalogsAcls() {
        Map<String, Object> container = k8sContainer(K8S_KAFKA_ACCESS, "Job", "kafka-access");
        assertThat(container.get("image")).as("%s image", K8S_KAFKA_ACCESS).asString().startsWith("meta-supervisor/cli:");
        assertThat(k8sScript(K8S_KAFKA_ACCESS, "Job", "kafka-access")).as("%s command", K8S_KAFKA_ACCESS)
                .contains("kafka-access --apply", "--bootstrap-servers kafka:9092", "--command-config /tmp/admin.properties",
                        "--passwords-dir /etc/ms-kafka/passwords", "password=\\\"$(cat /etc/ms-kafka/passwords/admin)\\\"");
        Map<String, Object> job = k8sObject(K8S_KAFKA_ACCESS, "Job", "kafka-access");
        assertThat(Integer.parseInt(String.valueOf(map(job.get("spec"), "Job.spec").get("backoffLimit"))))
                .as("%s: retried while the brokers do not answer yet", K8S_KAFKA_ACCESS).isGreaterThanOrEqualTo(3);
        Map<String, Object> podSpec = map(map(map(job.get("spec"), "Job.spec").get("template"), "template").get("spec"), "template.spec");
        Map<String, String> files = new TreeMap<>();
        for (Object volume : list(podSpec.get("volumes"), K8S_KAFKA_ACCESS + ": volumes")) {
            Object projected = map(volume, "volume").get("projected");
            if (projected == null) {
                continue;
            }
            for (Object source : list(map(projected, "projected").get("sources"), "projected.sources")) {
                Map<String, Object> secret = map(map(source, "source").get("secret"), "source.secret");
                Map<String, Object> item = map(list(secret.get("items"), "secret.items").getFirst(), "item");
                assertThat(item.get("key")).as("%s: Secret %s key", K8S_KAFKA_ACCESS, secret.get("name")).isEqualTo("password");
                files.put(String.valueOf(item.get("path")), String.valueOf(secret.get("name")));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        principalNames().forEach(name -> expected.put(name, "kafka-" + name));
        assertThat(files).as("%s: the password of every principal from Secret kafka-<principal>, as the file <principal>", K8S_KAFKA_ACCESS)
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("the registry's KafkaSQL clients log in as schema-registry (compose and deploy/)")
    void theRegistryLogsInAsItsOwnPrincipal() {
        Map<String, String> expected = Map.of("APICURIO_KAFKA_COMMON_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "APICURIO_KAFKA_COMMON_SASL_MECHANISM", SCRAM);
        assertThat(composeEnv("schema-registry")).as("%s schema-registry environment", COMPOSE).containsAllEntriesOf(expected);
        assertThat(composeScript("schema-registry")).as("%s schema-registry entrypoint", COMPOSE)
                .contains("APICURIO_KAFKA_COMMON_SASL_JAAS_CONFIG=", "username=\\\"schema-registry\\\"", "/run/secrets/kafka-password");
        Map<String, String> k8s = k8sEnv(K8S_REGISTRY, "Deployment", "schema-registry");
        assertThat(k8s).as("%s schema-registry environment", K8S_REGISTRY).containsAllEntriesOf(expected);
        assertThat(k8s.get("APICURIO_KAFKA_COMMON_SASL_JAAS_CONFIG")).as("%s schema-registry JAAS", K8S_REGISTRY)
                .contains("username=\"schema-registry\"", "password=\"$(MS_KAFKA_PASSWORD)\"");
        assertThat(secretRef(K8S_REGISTRY, "Deployment", "schema-registry", "MS_KAFKA_PASSWORD"))
                .as("%s: the registry's password", K8S_REGISTRY).isEqualTo("kafka-schema-registry/password");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    @DisplayName("every service logs in to Kafka as its own principal (its name) and reads the token secret from a file (compose and deploy/)")
    void everyServiceLogsInAsItsOwnPrincipalAndReadsTheTokenSecretFromAFile(String service) {
        Map<String, String> compose = composeEnv(service);
        assertThat(compose).as("%s %s environment", COMPOSE, service)
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("KAFKA_SASL_MECHANISM", SCRAM)
                .containsEntry("MS_KAFKA_USERNAME", service)
                .containsEntry("MS_TOKEN_SECRET_FILE", "/run/secrets/token-secret");
        Map<String, Object> definition = map(composeServices().get(service), COMPOSE + ": service " + service);
        assertThat(text(definition.get("entrypoint"))).as("%s %s entrypoint: its JAAS line from its name and password file", COMPOSE, service)
                .contains("KAFKA_SASL_JAAS_CONFIG=\"org.apache.kafka.common.security.scram.ScramLoginModule required",
                        "username=\\\"$$MS_KAFKA_USERNAME\\\"", "password=\\\"$$(cat /run/secrets/kafka-password)\\\"",
                        "exec java", "\"$$MAIN_CLASS\"");
        List<Object> secrets = list(definition.get("secrets"), COMPOSE + ": " + service + ".secrets");
        assertThat(secrets).as("%s %s secrets", COMPOSE, service)
                .contains("token-secret", Map.of("source", "kafka-" + service, "target", "kafka-password"));

        String path = "deploy/" + service + ".yaml";
        String kind = workloadKind(service);
        Map<String, String> k8s = k8sEnv(path, kind, service);
        assertThat(k8s).as("%s environment", path)
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("KAFKA_SASL_MECHANISM", SCRAM)
                .containsEntry("MS_TOKEN_SECRET_FILE", "/etc/ms/token-secret");
        assertThat(k8s.get("KAFKA_SASL_JAAS_CONFIG")).as("%s KAFKA_SASL_JAAS_CONFIG", path)
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
                .contains("username=\"" + service + "\"", "password=\"$(MS_KAFKA_PASSWORD)\"");
        assertThat(secretRef(path, kind, service, "MS_KAFKA_PASSWORD")).as("%s: its password", path)
                .isEqualTo("kafka-" + service + "/password");
        assertThat(k8sEnvNames(path, kind, service)).as("%s: MS_KAFKA_PASSWORD is defined before the JAAS line refers to it", path)
                .containsSubsequence("MS_KAFKA_PASSWORD", "KAFKA_SASL_JAAS_CONFIG");
        Map<String, Object> container = k8sContainer(path, kind, service);
        assertThat(text(container.get("volumeMounts"))).as("%s: the token secret mounted at /etc/ms", path).contains("mountPath=/etc/ms");
        assertThat(text(map(map(map(k8sObject(path, kind, service).get("spec"), "spec").get("template"), "template").get("spec"),
                "template.spec").get("volumes"))).as("%s: the token secret's volume", path).contains("secretName=ms-token-secret");
    }

    @Test
    @DisplayName("no descriptor holds a password or secret: every password= is a reference, the secret files are git-ignored, GOVERNANCE_OPERATOR_JWT_SECRET is gone")
    void noDescriptorHoldsAPassword() {
        List<String> descriptors = new ArrayList<>(List.of(COMPOSE));
        try (var files = Files.list(repoRoot().resolve("deploy"))) {
            files.map(f -> "deploy/" + f.getFileName()).filter(f -> f.endsWith(".yaml")).sorted().forEach(descriptors::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(descriptors).as("descriptors scanned").contains(K8S_KAFKA_ACCESS, K8S_KAFKA);
        int references = 0;
        for (String descriptor : descriptors) {
            String content = read(descriptor);
            Matcher password = PASSWORD_VALUE.matcher(content);
            while (password.find()) {
                assertThat(password.group(1)).as("%s: a password must come from a secret file or a reference, found at offset %d",
                        descriptor, password.start()).startsWith("$");
                references++;
            }
            assertThat(content).as("%s: the old operator secret (replaced by MS_TOKEN_SECRET_FILE)", descriptor)
                    .doesNotContain("GOVERNANCE_OPERATOR_JWT_SECRET");
        }
        assertThat(references).as("password= references found: the scan reads the descriptors").isGreaterThanOrEqualTo(10);
        Map<String, Object> secrets = map(map(yaml().load(read(COMPOSE)), COMPOSE).get("secrets"), COMPOSE + ": top-level secrets");
        assertThat(secrets.values()).as("%s: every secret is a file under ./secrets", COMPOSE)
                .allSatisfy(secret -> assertThat(String.valueOf(map(secret, "secret").get("file"))).startsWith("./secrets/"));
        assertThat(read(GITIGNORE).lines().map(String::strip)).as("%s: the secret files are never committed", GITIGNORE)
                .contains("/secrets/");
    }

    /** The condition of {@code definition}'s depends_on {@code on} (long form). */
    private static Object dependsOn(Map<String, Object> definition, String service, String on) {
        return map(map(definition.get("depends_on"), COMPOSE + ": " + service + ".depends_on (long form)").get(on),
                service + ".depends_on." + on).get("condition");
    }

    /** {@code <secret>/<key>} of an env entry's {@code valueFrom.secretKeyRef}. */
    private static String secretRef(String relativePath, String kind, String name, String variable) {
        for (Object entry : list(k8sContainer(relativePath, kind, name).get("env"), relativePath + ": env")) {
            Map<String, Object> env = map(entry, relativePath + ": env entry");
            if (variable.equals(env.get("name")) && env.get("valueFrom") != null) {
                Map<String, Object> ref = map(map(env.get("valueFrom"), "valueFrom").get("secretKeyRef"), variable + " secretKeyRef");
                return ref.get("name") + "/" + ref.get("key");
            }
        }
        return fail("%s: no %s from a Secret", relativePath, variable);
    }

    private static List<String> k8sEnvNames(String relativePath, String kind, String name) {
        return list(k8sContainer(relativePath, kind, name).get("env"), relativePath + ": env").stream()
                .map(entry -> String.valueOf(map(entry, "env entry").get("name"))).toList();
    }

    // ------------------------------------------------------------------------------------- kubernetes

    @Test
    @DisplayName("deploy/ manifests parse and declare the Kafka StatefulSet + headless Service, the registry Deployment + Service and the topics Job")
    void kubernetesManifestsParseAndDeclareTheExpectedObjects() {
        assertThat(repoRoot().resolve("deploy/README.md")).as("deploy/README.md").isRegularFile();

        Map<String, Object> kafkaSet = k8sObject(K8S_KAFKA, "StatefulSet", "kafka");
        Map<String, Object> headless = k8sObject(K8S_KAFKA, "Service",
                String.valueOf(map(kafkaSet.get("spec"), "StatefulSet.spec").get("serviceName")));
        assertThat(map(headless.get("spec"), "Service.spec").get("clusterIP"))
                .as("%s: the StatefulSet's serviceName must be a headless Service", K8S_KAFKA).isEqualTo("None");
        k8sObject(K8S_KAFKA, "Service", "kafka");
        k8sObject(K8S_REGISTRY, "Deployment", "schema-registry");
        k8sObject(K8S_REGISTRY, "Service", "schema-registry");
        k8sObject(K8S_TOPICS, "Job", "topics-init");
    }

    @Test
    @DisplayName("k8s topics Job creates exactly the catalog topics and their .dlq topics, with the catalog's partitions and retention configs")
    void kubernetesTopicsJobCreatesExactlyTheCatalogTopics() {
        String script = k8sScript(K8S_TOPICS, "Job", "topics-init");

        assertCreatesExactlyTheCatalog(K8S_TOPICS + " (Job topics-init)", script);
        assertCreatePassesItsConfigsAndAltersExistingTopics(K8S_TOPICS + " (Job topics-init)", script);
    }

    @Test
    @DisplayName("k8s topics Job creates the registry's KafkaSQL topics: 1 partition, delete, retention -1, min.insync.replicas 2")
    void kubernetesTopicsJobCreatesTheRegistryJournalTopics() {
        assertCreatesTheRegistryTopics(K8S_TOPICS + " (Job topics-init)", k8sScript(K8S_TOPICS, "Job", "topics-init"),
                Map.of("min.insync.replicas", "2"));
    }

    @Test
    @DisplayName("k8s registry stores its schemas in Kafka (KafkaSQL on kafka:9092, no auto-created topics)")
    void kubernetesRegistryStoresItsSchemasInKafka() {
        assertThat(k8sEnv(K8S_REGISTRY, "Deployment", "schema-registry")).as("%s schema-registry environment", K8S_REGISTRY)
                .containsAllEntriesOf(REGISTRY_KAFKASQL_ENV).containsEntry(REGISTRY_BOOTSTRAP_ENV, "kafka:9092");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    @DisplayName("a service's k8s probes: liveness on /health/liveness, readiness on /health/readiness (an outage of Kafka never restarts it)")
    void everyServiceProbesLivenessAndReadinessApart(String service) {
        String path = "deploy/" + service + ".yaml";
        Map<String, Object> container = k8sContainer(path, workloadKind(service), service);
        assertThat(probePath(container, "livenessProbe", path)).as("%s livenessProbe", path).isEqualTo("/health/liveness");
        assertThat(probePath(container, "readinessProbe", path)).as("%s readinessProbe", path).isEqualTo("/health/readiness");
    }

    private static Object probePath(Map<String, Object> container, String probe, String where) {
        return map(map(container.get(probe), where + ": " + probe).get("httpGet"), where + ": " + probe + ".httpGet").get("path");
    }

    @Test
    @DisplayName("k8s registry-init Job runs ./ms registry init in the cli's image against the registry Service, retried until it answers")
    void kubernetesRegistryInitJobRegistersTheCatalog() {
        Map<String, Object> job = k8sObject(K8S_REGISTRY_INIT, "Job", "registry-init");
        Map<String, Object> container = k8sContainer(K8S_REGISTRY_INIT, "Job", "registry-init");
        assertThat(container.get("image")).as("%s image", K8S_REGISTRY_INIT).asString().startsWith("meta-supervisor/cli:");
        assertThat(container.get("args")).as("%s args", K8S_REGISTRY_INIT).isEqualTo(REGISTRY_INIT_ARGS);
        assertThat(container).as("%s: the image's entrypoint runs the cli", K8S_REGISTRY_INIT).doesNotContainKey("command");
        assertThat(Integer.parseInt(String.valueOf(map(job.get("spec"), "Job.spec").get("backoffLimit"))))
                .as("%s: retried while the registry does not answer yet", K8S_REGISTRY_INIT).isGreaterThanOrEqualTo(3);
        Map<String, Object> podSpec = map(map(map(job.get("spec"), "Job.spec").get("template"), "Job.spec.template").get("spec"),
                "Job.spec.template.spec");
        assertThat(podSpec.get("restartPolicy")).as("%s restartPolicy", K8S_REGISTRY_INIT).isEqualTo("OnFailure");
    }

    @Test
    @DisplayName("k8s topics Job uses replication factor 3, --if-not-exists and the kafka Service")
    void kubernetesTopicsJobUsesReplicationThree() {
        String script = k8sScript(K8S_TOPICS, "Job", "topics-init");

        assertThat(replicationFactors(script))
                .as("%s: every --replication-factor must be 3 (three brokers)", K8S_TOPICS)
                .isNotEmpty().containsOnly("3");
        assertThat(script).as("%s must be idempotent", K8S_TOPICS).contains("--if-not-exists");
        assertThat(script).as("%s must reach Kafka through the kafka Service", K8S_TOPICS)
                .contains("--bootstrap-server kafka:9092");
    }

    @Test
    @DisplayName("k8s Kafka is 3 KRaft voters with replication 3 / min ISR 2 for topics and the transaction state log")
    void kubernetesKafkaHasThreeBrokerReplicationSettings() {
        Map<String, Object> statefulSet = k8sObject(K8S_KAFKA, "StatefulSet", "kafka");
        Map<String, String> env = k8sEnv(K8S_KAFKA, "StatefulSet", "kafka");

        assertThat(map(statefulSet.get("spec"), "StatefulSet.spec").get("replicas"))
                .as("%s: StatefulSet kafka replicas", K8S_KAFKA).isEqualTo(3);
        assertThat(env).as("%s kafka environment", K8S_KAFKA)
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(env.getOrDefault("KAFKA_CONTROLLER_QUORUM_VOTERS", "").split(","))
                .as("%s: one KRaft voter per replica (KAFKA_CONTROLLER_QUORUM_VOTERS)", K8S_KAFKA)
                .containsExactly("0@kafka-0.kafka-headless:9093", "1@kafka-1.kafka-headless:9093",
                        "2@kafka-2.kafka-headless:9093");
    }

    @Test
    @DisplayName("k8s Services expose Kafka on 9092 and the registry on 8080")
    void kubernetesServicesExposeTheDocumentedPorts() {
        assertThat(servicePorts(K8S_KAFKA, "kafka")).as("%s: ports of Service kafka", K8S_KAFKA).contains(9092);
        assertThat(servicePorts(K8S_REGISTRY, "schema-registry"))
                .as("%s: ports of Service schema-registry", K8S_REGISTRY).contains(8080);
    }

    @Test
    @DisplayName("k8s registry enforces BACKWARD compatibility and runs the registry version of the build")
    void kubernetesRegistryEnforcesBackwardCompatibility() {
        assertThat(k8sEnv(K8S_REGISTRY, "Deployment", "schema-registry"))
                .as("%s schema-registry environment", K8S_REGISTRY)
                .containsEntry(COMPATIBILITY_ENV, "BACKWARD");
        assertThat(k8sContainer(K8S_REGISTRY, "Deployment", "schema-registry").get("image"))
                .as("%s schema-registry image must be the registry app version the platform kit runs", K8S_REGISTRY)
                .isEqualTo(REGISTRY_IMAGE_REPOSITORY + ":" + registryVersionOfTheBuild());
    }

    // ---------------------------------------------------------------------------------------- versions

    @Test
    @DisplayName("every apache/kafka image (compose, k8s, Testcontainers default) is tagged with the kafka-clients version of the build")
    void kafkaImagesMatchTheKafkaVersionOfTheBuild() {
        String expected = "apache/kafka:" + AppInfoParser.getVersion();
        assertThat(AppInfoParser.getVersion()).as("kafka-clients version on the classpath").isNotEqualTo("unknown");

        Map<String, Object> services = composeServices();
        assertThat(map(services.get("kafka"), "kafka").get("image"))
                .as("%s kafka image", COMPOSE).isEqualTo(expected);
        assertThat(map(services.get("topics-init"), "topics-init").get("image"))
                .as("%s topics-init image (its kafka-topics.sh)", COMPOSE).isEqualTo(expected);
        assertThat(k8sContainer(K8S_KAFKA, "StatefulSet", "kafka").get("image"))
                .as("%s StatefulSet kafka image", K8S_KAFKA).isEqualTo(expected);
        assertThat(k8sContainer(K8S_TOPICS, "Job", "topics-init").get("image"))
                .as("%s Job topics-init image", K8S_TOPICS).isEqualTo(expected);
        assertThat(ContainerKafkaBroker.DEFAULT_IMAGE)
                .as("ContainerKafkaBroker.DEFAULT_IMAGE (Testcontainers)").isEqualTo(expected);
    }

    // ----------------------------------------------------------------------------------------- helpers

    /** The catalog as the scripts must create it: every topic, and its dead-letter topic (same partitions, delete). */
    private static Set<TopicSpec> expectedTopics() {
        Set<TopicSpec> expected = new TreeSet<>();
        for (Topic<?> topic : Topics.all()) {
            String partitions = String.valueOf(topic.partitions());
            expected.add(new TopicSpec(topic.name(), partitions, topic.kafkaConfigs()));
            expected.add(new TopicSpec(topic.deadLetterTopic(), partitions, topic.deadLetterKafkaConfigs()));
        }
        return expected;
    }

    // --------------------------------------------------------------------------------------- services

    /** {@code ${KEY:default}} placeholders of a service's application.yml: the env keys it reads. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    /**
     * Env keys every service reads without a placeholder: streams-kit's RegistryConfiguration binds
     * {@code registry.*}, and Micronaut maps REGISTRY_URL to {@code registry.url}.
     */
    private static final Set<String> KIT_ENV_KEYS = Set.of("REGISTRY_URL", "REGISTRY_AUTO_REGISTER",
            // micronaut-kafka passes kafka.* to the Streams client, streams-kit's KafkaConnection to every other client
            "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG",
            // streams-kit's TokenSecretSettings (meta-supervisor.security.token-secret-file)
            "MS_TOKEN_SECRET_FILE",
            // read by compose's service entrypoint (x-service-entrypoint), which builds KAFKA_SASL_JAAS_CONFIG from it
            "MS_KAFKA_USERNAME");

    /** A row of a module README's configuration table: {@code | `key` | `ENV_KEY` | ...}. */
    private static final Pattern SETTINGS_ROW = Pattern.compile("^\\|\\s*`[a-z][a-z0-9.-]*`\\s*\\|\\s*`([A-Z][A-Z0-9_]*)`\\s*\\|", Pattern.MULTILINE);
    /** A row of a README table of environment variables a service reads directly (not through a configuration key). */
    private static final Pattern ENV_ROW = Pattern.compile("^\\|\\s*`([A-Z][A-Z0-9_]*)`\\s*\\|", Pattern.MULTILINE);

    /**
     * The env keys of a service's settings records (Micronaut maps ALLOCATOR_WEIGHTS_FILE to allocator.weights-file):
     * its README's configuration table, which the service's own ConfigurationTable test keeps equal to them.
     */
    private static Set<String> settingsEnvKeys(String service) {
        Path readme = repoRoot().resolve(service).resolve("README.md");
        Set<String> keys = new TreeSet<>();
        if (Files.isRegularFile(readme)) {
            Matcher row = SETTINGS_ROW.matcher(read(service + "/README.md"));
            while (row.find()) {
                keys.add(row.group(1));
            }
            Matcher env = ENV_ROW.matcher(read(service + "/README.md"));
            while (env.find()) {
                keys.add(env.group(1));
            }
        }
        return keys;
    }

    /** Files of deploy/ that are the platform, not a service. */
    private static final Set<String> INFRASTRUCTURE_MANIFESTS = Set.of("kafka.yaml", "schema-registry.yaml", "topics.yaml",
            "registry-init.yaml", "kafka-access.yaml");
    /** Services of docker-compose.yml that are the platform, not a service. */
    private static final Set<String> INFRASTRUCTURE_SERVICES = Set.of("kafka-format", "kafka", "schema-registry", "topics-init",
            "kafka-access", "registry-init");

    /** The service catalog the expectations come from: the one in force ({@code -Dms.service-catalog} or MS_SERVICE_CATALOG can name a copy). */
    static ServiceCatalog catalog() {
        return ServiceCatalog.standard();
    }

    private static ServiceDefinition catalogEntry(String service) {
        return catalog().service(service).orElseGet(() -> fail("%s is not in the service catalog %s", service, catalog().source()));
    }

    static List<String> builtServices() {
        // a runnable service has its configuration; a module still without one is not deployed yet
        return catalog().services().stream().map(ServiceDefinition::name)
                .filter(name -> Files.isRegularFile(repoRoot().resolve(name).resolve("src/main/resources/application.yml"))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    @DisplayName("every service module is in compose and deploy/, and sets only env keys its application.yml reads")
    void everyServiceSetsOnlyEnvKeysItsConfigurationReads(String service) {
        Map<String, String> placeholders = placeholders(service);
        assertThat(placeholders).as("%s application.yml placeholders", service).containsKeys("KAFKA_BOOTSTRAP_SERVERS");
        Object registry = map(yaml().load(read(service + "/src/main/resources/application.yml")), service + " application.yml")
                .get("registry");
        if (registry != null) {
            assertThat(String.valueOf(map(registry, service + " application.yml: registry").get("url")))
                    .as("%s application.yml: registry.url, when written, must come from REGISTRY_URL", service)
                    .startsWith("${REGISTRY_URL");
        }
        Set<String> read = new TreeSet<>(placeholders.keySet());
        read.addAll(KIT_ENV_KEYS);
        read.addAll(settingsEnvKeys(service));
        Map<String, String> composeEnv = composeEnv(service);
        Map<String, String> k8sEnv = k8sEnv("deploy/" + service + ".yaml", workloadKind(service), service);
        assertThat(composeEnv.keySet()).as("%s: env keys in compose that neither its application.yml nor the kit's registry settings read", service)
                .isSubsetOf(read).contains("KAFKA_BOOTSTRAP_SERVERS", "REGISTRY_URL");
        assertThat(k8sEnv.keySet()).as("%s: env keys in deploy/ that neither its application.yml nor the kit's registry settings read", service)
                .isSubsetOf(read).contains("KAFKA_BOOTSTRAP_SERVERS", "REGISTRY_URL");
        assertThat(composeEnv.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:29092");
        assertThat(k8sEnv.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
        assertThat(composeEnv.get("REGISTRY_URL")).isEqualTo("http://schema-registry:8080");
        assertThat(k8sEnv.get("REGISTRY_URL")).isEqualTo("http://schema-registry:8080");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    @DisplayName("a service run with several replicas tells each pod its own stable address, for interactive queries")
    void aScaledOutServiceAnnouncesEachPodsStableAddress(String service) {
        String path = "deploy/" + service + ".yaml";
        String kind = workloadKind(service);
        Object replicas = map(k8sObject(path, kind, service).get("spec"), path + " spec").getOrDefault("replicas", 1);
        if (Integer.parseInt(String.valueOf(replicas)) <= 1) {
            return; // one instance answers from its own stores
        }
        assertThat(kind).as("%s: %s replicas need stable pod names", path, replicas).isEqualTo("StatefulSet");
        String serviceName = String.valueOf(map(k8sObject(path, kind, service).get("spec"), path + " spec").get("serviceName"));
        Map<String, Object> headless = map(k8sObject(path, "Service", serviceName).get("spec"), path + " Service " + serviceName);
        assertThat(headless.get("clusterIP")).as("%s: Service %s must be headless", path, serviceName).isEqualTo("None");
        ServiceDefinition entry = catalogEntry(service);
        String applicationServerKey = entry.envKey("APPLICATION_SERVER");
        String applicationServer = k8sEnv(path, kind, service).get(applicationServerKey);
        assertThat(applicationServer).as("%s: %s replicas but no %s (env prefix %s in the service catalog)", path, replicas,
                applicationServerKey, entry.envPrefix()).isNotNull();
        assertThat(applicationServer).as("%s: each pod's address", path)
                .isEqualTo("$(POD_NAME)." + serviceName + ":" + entry.port());
        assertThat(placeholders(service)).as("%s application.yml reads %s", service, applicationServerKey).containsKey(applicationServerKey);
        assertThat(text(k8sContainer(path, kind, service).get("env")))
                .as("%s: POD_NAME from the downward API", path).contains("POD_NAME", "metadata.name");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    @DisplayName("a service listens on the catalog's port, set by <PREFIX>_PORT, in application.yml, compose and deploy/")
    void everyServiceListensOnOnePort(String service) {
        ServiceDefinition entry = catalogEntry(service);
        String port = String.valueOf(entry.port());
        String portKey = entry.envKey("PORT");
        Matcher serverPort = Pattern.compile("port:\\s*\\$\\{([A-Z_]+):(\\d+)}").matcher(read(service + "/src/main/resources/application.yml"));
        assertThat(serverPort.find()).as("%s: micronaut.server.port is ${ENV:default}", service).isTrue();
        assertThat(serverPort.group(1)).as("%s: the env key of its port (env prefix %s in the service catalog)", service,
                entry.envPrefix()).isEqualTo(portKey);
        assertThat(serverPort.group(2)).as("%s default port (the service catalog's)", service).isEqualTo(port);
        assertThat(publishedPorts(service)).as("%s compose ports", service).containsEntry(port, port);
        assertThat(servicePorts("deploy/" + service + ".yaml", service)).as("%s k8s Service port", service)
                .contains(Integer.valueOf(port));
        assertThat(composeEnv(service)).as("%s compose environment", service).containsEntry(portKey, port);
        assertThat(k8sEnv("deploy/" + service + ".yaml", workloadKind(service), service)).as("%s k8s environment", service)
                .containsEntry(portKey, port);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    @DisplayName("a service's application.yml and compose image agree with the service catalog: name, application id, main class")
    void everyServiceAgreesWithItsCatalogEntry(String service) {
        ServiceDefinition entry = catalogEntry(service);
        String yml = read(service + "/src/main/resources/application.yml");
        Map<String, Object> micronaut = map(map(yaml().load(yml), service + " application.yml").get("micronaut"),
                service + " application.yml: micronaut");
        assertThat(map(micronaut.get("application"), service + " application.yml: micronaut.application").get("name"))
                .as("%s: micronaut.application.name", service).isEqualTo(service);
        Matcher applicationId = Pattern.compile("application\\.id:\\s*\\$\\{([A-Z_]+):([^}]*)}").matcher(yml);
        assertThat(applicationId.find()).as("%s: kafka.streams.default.application.id is ${ENV:default}", service).isTrue();
        assertThat(applicationId.group(1)).as("%s: the env key of its application id", service)
                .isEqualTo(entry.envKey("APPLICATION_ID"));
        assertThat(applicationId.group(2)).as("%s default application id (the service catalog's)", service)
                .isEqualTo(entry.applicationId());

        Map<String, Object> build = map(map(composeServices().get(service), COMPOSE + ": service " + service).get("build"),
                COMPOSE + ": " + service + ".build");
        assertThat(build.get("context")).as("%s: %s build context (its module)", COMPOSE, service).isEqualTo(service);
        assertThat(map(build.get("args"), COMPOSE + ": " + service + ".build.args").get("MAIN_CLASS"))
                .as("%s: %s MAIN_CLASS (the service catalog's main-class)", COMPOSE, service).isEqualTo(entry.mainClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtServices")
    @DisplayName("a service has a bench execution running the catalog's benchmark main class exactly when the catalog gives it one")
    void everyServiceBenchmarkIsTheCatalogs(String service) {
        String pom = read(service + "/pom.xml");
        Matcher bench = Pattern.compile("(?s)<execution>\\s*<id>bench</id>(.*?)</execution>").matcher(pom);
        Optional<ServiceBenchmark> benchmark = catalogEntry(service).benchmark();
        if (benchmark.isEmpty()) {
            assertThat(bench.find()).as("%s/pom.xml has a bench execution but the service catalog gives %s no benchmark", service, service)
                    .isFalse();
            return;
        }
        assertThat(bench.find()).as("%s/pom.xml: the exec-maven-plugin execution `bench` that ./ms bench runs", service).isTrue();
        assertThat(bench.group(1)).as("%s/pom.xml bench execution", service)
                .contains("<argument>" + benchmark.get().mainClass() + "</argument>", "${bench.args}");
    }

    @Test
    @DisplayName("compose and deploy/ hold no service that the service catalog does not know")
    void composeAndDeployHoldOnlyCatalogServices() {
        Set<String> known = catalog().services().stream().map(ServiceDefinition::name).collect(Collectors.toSet());
        Set<String> composed = new TreeSet<>(composeServices().keySet());
        composed.removeAll(INFRASTRUCTURE_SERVICES);
        assertThat(composed).as("%s services that are neither the platform nor in the service catalog %s", COMPOSE,
                catalog().source()).isSubsetOf(known);
        Set<String> manifests;
        try (var files = Files.list(repoRoot().resolve("deploy"))) {
            manifests = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .filter(f -> !INFRASTRUCTURE_MANIFESTS.contains(f)).map(f -> f.substring(0, f.length() - ".yaml".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(manifests).as("deploy/*.yaml that are neither the platform nor a service of the catalog %s", catalog().source())
                .isSubsetOf(known);
    }

    private static Map<String, String> placeholders(String service) {
        Matcher m = PLACEHOLDER.matcher(read(service + "/src/main/resources/application.yml"));
        Map<String, String> keys = new LinkedHashMap<>();
        while (m.find()) {
            keys.put(m.group(1), m.group(2));
        }
        return keys;
    }

    private static void assertCreatesExactlyTheCatalog(String where, String script) {
        List<TopicSpec> created = createLines(script);
        Set<TopicSpec> expected = expectedTopics();
        Set<TopicSpec> actual = new TreeSet<>(created);

        List<String> names = created.stream().map(TopicSpec::name).toList();
        Set<String> duplicated = names.stream()
                .filter(name -> names.indexOf(name) != names.lastIndexOf(name))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<TopicSpec> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<TopicSpec> extra = new TreeSet<>(actual);
        extra.removeAll(expected);

        assertThat(created).as("%s: no `create <topic> <partitions> <cleanup.policy> [k=v ...]` lines found", where).isNotEmpty();
        // soft: a wrong partition count shows up as one missing and one extra line, and both are reported
        assertSoftly(softly -> {
            softly.assertThat(duplicated).as("%s: topics created by more than one line", where).isEmpty();
            softly.assertThat(missing)
                    .as("%s: catalog topics (Topics.all() + .dlq) not created with these partitions and "
                            + "configs, Topic.kafkaConfigs() (add or fix their `create` lines)", where)
                    .isEmpty();
            softly.assertThat(extra)
                    .as("%s: `create` lines that are not in the catalog (Topics.all() + .dlq) as written", where)
                    .isEmpty();
        });
    }

    private static List<TopicSpec> createLines(String script) {
        List<TopicSpec> created = new ArrayList<>();
        Matcher matcher = CREATE_LINE.matcher(script);
        while (matcher.find()) {
            Map<String, String> configs = new LinkedHashMap<>();
            configs.put("cleanup.policy", matcher.group(3));
            for (String kv : matcher.group(4).trim().split("[ \\t]+")) {
                if (!kv.isEmpty()) {
                    String[] keyValue = kv.split("=", 2);
                    configs.merge(keyValue[0], keyValue[1], (a, b) -> a + "|" + b); // a key given twice shows as a difference
                }
            }
            created.add(new TopicSpec(matcher.group(1), matcher.group(2), configs));
        }
        return created;
    }

    /** The `create` function hands every k=v of its line to kafka-topics.sh --config and alters an existing topic to them. */
    private static void assertCreatePassesItsConfigsAndAltersExistingTopics(String where, String script) {
        Matcher body = Pattern.compile(String.format(FUNCTION_BODY, "create")).matcher(script);
        assertThat(body.find()).as("%s: a shell function create() { ... }", where).isTrue();
        assertThat(body.group(1).replace("$$", "$")).as("%s: create()", where)
                .contains("kafka-topics.sh", "--create", "--config cleanup.policy=$policy", "--config $kv", "kafka-configs.sh",
                        "--alter", "--entity-type topics", "--add-config");
    }

    /**
     * `registry_topic <name>` lines create exactly Apicurio's three topics, through a function giving them 1 partition and
     * the configs of {@link TopicRetention#keepForever()} (delete, retention.ms -1, retention.bytes -1) plus {@code extra}.
     */
    private static void assertCreatesTheRegistryTopics(String where, String script, Map<String, String> extra) {
        List<String> names = new ArrayList<>();
        Matcher line = REGISTRY_TOPIC_LINE.matcher(script);
        while (line.find()) {
            names.add(line.group(1));
        }
        assertThat(names).as("%s: `registry_topic <name>` lines", where).containsExactlyInAnyOrderElementsOf(REGISTRY_TOPICS);
        Matcher body = Pattern.compile(String.format(FUNCTION_BODY, "registry_topic")).matcher(script);
        assertThat(body.find()).as("%s: a shell function registry_topic() { ... }", where).isTrue();
        Map<String, String> configs = new LinkedHashMap<>(TopicRetention.keepForever().kafkaConfigs());
        configs.putAll(extra);
        assertThat(configs).as("Apicurio's journal: never deleted").containsEntry("retention.ms", "-1")
                .containsEntry("retention.bytes", "-1").containsEntry("cleanup.policy", "delete");
        String function = body.group(1);
        assertThat(function).as("%s: registry_topic()", where).contains("kafka-topics.sh", "--create", "--if-not-exists",
                "--partitions 1");
        configs.forEach((key, value) -> assertThat(function).as("%s: registry_topic() gives its topics %s=%s", where, key, value)
                .contains("--config " + key + "=" + value));
    }

    private static List<String> replicationFactors(String script) {
        List<String> factors = new ArrayList<>();
        Matcher matcher = REPLICATION_FACTOR.matcher(script);
        while (matcher.find()) {
            factors.add(matcher.group(1));
        }
        return factors;
    }

    /**
     * The repository root: the directory the system property {@value #HOME_PROPERTY} names (a test can point
     * it at a copy), else the nearest directory, from the working directory up, that holds docker-compose.yml.
     */
    static Path repoRoot() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(COMPOSE))) {
                return dir;
            }
        }
        return fail("no %s found in %s or any parent directory", COMPOSE, start);
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static String read(String relativePath) {
        Path file = repoRoot().resolve(relativePath);
        assertThat(file).as(relativePath).isRegularFile();
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static Map<String, Object> composeServices() {
        Object document = yaml().load(read(COMPOSE));
        return map(map(document, COMPOSE).get("services"), COMPOSE + ": services");
    }

    /** entrypoint + command of a compose service, as one text (list elements joined by newlines). */
    private static String composeScript(String service) {
        Map<String, Object> definition = map(composeServices().get(service), COMPOSE + ": service " + service);
        return text(definition.get("entrypoint")) + "\n" + text(definition.get("command"));
    }

    private static Map<String, String> composeEnv(String service) {
        Object environment = map(composeServices().get(service), COMPOSE + ": service " + service).get("environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> env.put(String.valueOf(key), Objects.toString(value, "")));
        } else if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] keyValue = String.valueOf(entry).split("=", 2);
                env.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
            }
        }
        return env;
    }

    /** Published ports of a compose service, host port -> container port (short and long syntax). */
    private static Map<String, String> publishedPorts(String service) {
        Object ports = map(composeServices().get(service), COMPOSE + ": service " + service).get("ports");
        Map<String, String> published = new LinkedHashMap<>();
        for (Object port : list(ports, COMPOSE + ": " + service + ".ports")) {
            if (port instanceof Map<?, ?> longSyntax) {
                published.put(String.valueOf(longSyntax.get("published")), String.valueOf(longSyntax.get("target")));
            } else {
                String[] parts = String.valueOf(port).replaceAll("/(tcp|udp)$", "").split(":");
                String container = parts[parts.length - 1];
                published.put(parts.length >= 2 ? parts[parts.length - 2] : container, container);
            }
        }
        return published;
    }

    private static List<Map<String, Object>> k8sDocuments(String relativePath) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(read(relativePath))) {
            if (document != null) {
                documents.add(map(document, relativePath + ": document"));
            }
        }
        return documents;
    }

    /** A service runs as a Deployment, or as a StatefulSet when its pods need stable names. */
    private static String workloadKind(String service) {
        return k8sDocuments("deploy/" + service + ".yaml").stream()
                .filter(d -> service.equals(map(d.get("metadata"), "metadata").get("name")))
                .map(d -> String.valueOf(d.get("kind"))).filter(k -> k.equals("Deployment") || k.equals("StatefulSet"))
                .findFirst().orElseGet(() -> fail("deploy/%s.yaml declares no Deployment or StatefulSet %s", service, service));
    }

    private static Map<String, Object> k8sObject(String relativePath, String kind, String name) {
        List<Map<String, Object>> documents = k8sDocuments(relativePath);
        return documents.stream()
                .filter(document -> kind.equals(document.get("kind")))
                .filter(document -> name.equals(map(document.get("metadata"), relativePath + ": metadata").get("name")))
                .findFirst()
                .orElseGet(() -> fail("%s declares no %s named %s (it declares %s)", relativePath, kind, name,
                        documents.stream().map(d -> d.get("kind") + "/" + map(d.get("metadata"), "metadata").get("name"))
                                .toList()));
    }

    /** The first container of a workload's pod template (Deployment, StatefulSet, Job). */
    private static Map<String, Object> k8sContainer(String relativePath, String kind, String name) {
        String where = relativePath + ": " + kind + "/" + name;
        Map<String, Object> template = map(map(k8sObject(relativePath, kind, name).get("spec"), where + " spec")
                .get("template"), where + " spec.template");
        List<Object> containers = list(map(template.get("spec"), where + " spec.template.spec").get("containers"),
                where + " containers");
        assertThat(containers).as("%s containers", where).isNotEmpty();
        return map(containers.getFirst(), where + " container");
    }

    /** command + args of a workload's container, as one text. */
    private static String k8sScript(String relativePath, String kind, String name) {
        Map<String, Object> container = k8sContainer(relativePath, kind, name);
        return text(container.get("command")) + "\n" + text(container.get("args"));
    }

    private static Map<String, String> k8sEnv(String relativePath, String kind, String name) {
        Map<String, String> env = new LinkedHashMap<>();
        Object entries = k8sContainer(relativePath, kind, name).get("env");
        if (entries != null) {
            for (Object entry : list(entries, relativePath + ": env")) {
                Map<String, Object> variable = map(entry, relativePath + ": env entry");
                if (variable.containsKey("value")) {
                    env.put(String.valueOf(variable.get("name")), Objects.toString(variable.get("value"), ""));
                }
            }
        }
        return env;
    }

    private static Set<Integer> servicePorts(String relativePath, String service) {
        Map<String, Object> spec = map(k8sObject(relativePath, "Service", service).get("spec"), service + " spec");
        Set<Integer> ports = new LinkedHashSet<>();
        for (Object port : list(spec.get("ports"), relativePath + ": Service " + service + " ports")) {
            ports.add(Integer.valueOf(String.valueOf(map(port, "port").get("port"))));
        }
        return ports;
    }

    /** The Apicurio Registry app version the platform kit runs ({@code platform-kit.properties}, filled in by Maven). */
    private static String registryVersionOfTheBuild() {
        Properties kit = new Properties();
        try (InputStream in = DeploymentDescriptorsTest.class.getResourceAsStream("/platform-kit.properties")) {
            assertThat(in).as("platform-kit.properties on the classpath").isNotNull();
            kit.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = kit.getProperty("apicurio.registry.app.version", "");
        assertThat(version).as("apicurio.registry.app.version in platform-kit.properties (Maven-filtered)")
                .isNotBlank().doesNotContain("${");
        return version;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> items) {
            return items.stream().map(String::valueOf).collect(Collectors.joining("\n"));
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            return fail("%s: expected a YAML mapping, found %s", what, value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        if (!(value instanceof List<?>)) {
            return fail("%s: expected a YAML list, found %s", what, value);
        }
        return (List<Object>) value;
    }
}
