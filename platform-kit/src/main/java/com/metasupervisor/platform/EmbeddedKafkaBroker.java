package com.metasupervisor.platform;

import com.metasupervisor.platform.kafka.KafkaAccessControl;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;

/**
 * A real single-node KRaft broker (combined broker + controller) in this JVM, on a free port,
 * from Kafka's own {@link KafkaClusterTestKit}, with {@link BrokerConfig#SINGLE_NODE}'s settings and the
 * production metadata version {@link BrokerProcess} formats with. Ephemeral: for tests. No Docker needed.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {

    /** The test kit's listener names (its defaults). */
    private static final String CLIENT_LISTENER = "external";
    private static final String CONTROLLER_LISTENER = "controller";
    /** Quotes and backslashes would break the JAAS lines the password goes into. */
    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9._~+/=-]{12,}");
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final int ADMIN_SCRAM_ITERATIONS = 8192;

    private final KafkaClusterTestKit cluster;
    /** The admin's password on a secured broker; empty on a plain one. */
    private final Optional<String> adminPassword;

    private EmbeddedKafkaBroker(KafkaClusterTestKit cluster, Optional<String> adminPassword) {
        this.cluster = cluster;
        this.adminPassword = adminPassword;
    }

    /** A broker without authentication or authorization (PLAINTEXT). */
    public static EmbeddedKafkaBroker start() {
        return start(Optional.empty());
    }

    /**
     * A broker that authenticates every client and authorizes every request, as deploy/ and compose run Kafka
     * (issue 16): the client listener is SASL_PLAINTEXT with {@value KafkaAccessControl#SASL_MECHANISM}, Kafka's
     * {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false} and {@code super.users=User:admin}.
     * The admin's SCRAM credential is in the bootstrap metadata (as {@code kafka-storage format --add-scram} puts it),
     * since the broker itself logs in to its inter-broker listener (its own, here) as the admin.
     *
     * <p>The controller listener cannot use SCRAM (the quorum authenticates before any credential is loaded), and a
     * PLAINTEXT one would make {@code User:ANONYMOUS} a super user for anyone who reaches its port (clients may talk to
     * controllers through {@code bootstrap.controllers}): it is SASL_PLAINTEXT with PLAIN, whose only user is the admin.
     * The test kit also writes a JAAS file of its own with PLAIN users and sets {@code java.security.auth.login.config};
     * every listener here has a JAAS configuration of its own, which wins, so those users log in nowhere.
     *
     * @param adminPassword at least 12 of {@code A-Z a-z 0-9 . _ ~ + / = -}
     */
    public static EmbeddedKafkaBroker startSecured(String adminPassword) {
        Objects.requireNonNull(adminPassword, "adminPassword");
        if (!SAFE_PASSWORD.matcher(adminPassword).matches()) {
            throw new IllegalArgumentException("the admin password must be at least 12 characters of A-Z a-z 0-9 . _ ~ + / = -");
        }
        return start(Optional.of(adminPassword));
    }

    private static EmbeddedKafkaBroker start(Optional<String> adminPassword) {
        KafkaClusterTestKit cluster = null;
        try {
            cluster = buildWithoutDeletionHooks(adminPassword);
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafkaBroker(cluster, adminPassword);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(cluster);
            throw new PlatformException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            closeQuietly(cluster);
            throw new PlatformException("could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /**
     * The test kit deletes its data directories in {@link #close()}, and again in JVM shutdown hooks of its
     * own. Those hooks run at the same time as the hook that stops the product in order (PlatformMain:
     * services, then the broker), so the broker lost its files while it still served the services' last
     * commits. Built without them: whoever starts a broker closes it.
     */
    private static KafkaClusterTestKit buildWithoutDeletionHooks(Optional<String> adminPassword) throws Exception {
        Exit.setShutdownHookAdder((name, hook) -> { });
        try {
            TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    // the test kit's default is latestTesting() (4.3-IV0, unstable): test what ./ms run formats
                    .setBootstrapMetadataVersion(BrokerConfig.RELEASE_VERSION);
            if (adminPassword.isPresent()) {
                nodes.setBootstrapMetadata(withAdminCredential(adminPassword.get()))
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
            }
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes.build()).setDeleteOnClose(true);
            BrokerConfig.SINGLE_NODE.forEach(builder::setConfigProp);
            adminPassword.map(EmbeddedKafkaBroker::securityConfig).ifPresent(config -> config.forEach(builder::setConfigProp));
            return builder.build();
        } finally {
            Exit.resetShutdownHookAdder();
        }
    }

    /** The broker settings of a secured broker (set before the test kit's own SASL defaults, which only fill gaps). */
    private static Map<String, Object> securityConfig(String adminPassword) {
        Map<String, Object> config = new LinkedHashMap<>();
        // not PLAIN: the test kit would then add its own PLAIN users and super user
        config.put("sasl.enabled.mechanisms", KafkaAccessControl.SASL_MECHANISM);
        config.put("sasl.mechanism.inter.broker.protocol", KafkaAccessControl.SASL_MECHANISM);
        config.put("listener.name." + CLIENT_LISTENER + ".scram-sha-512.sasl.jaas.config",
                SCRAM_LOGIN + " required username=\"" + KafkaAccessControl.ADMIN + "\" password=\"" + adminPassword + "\";");
        config.put("listener.name." + CONTROLLER_LISTENER + ".sasl.enabled.mechanisms", "PLAIN");
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        config.put("listener.name." + CONTROLLER_LISTENER + ".plain.sasl.jaas.config",
                PLAIN_LOGIN + " required username=\"" + KafkaAccessControl.ADMIN + "\" password=\"" + adminPassword + "\" user_"
                        + KafkaAccessControl.ADMIN + "=\"" + adminPassword + "\";");
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("super.users", KafkaAccessControl.principalOf(KafkaAccessControl.ADMIN));
        config.put("allow.everyone.if.no.acl.found", "false");
        return config;
    }

    /**
     * The test kit's bootstrap metadata (the release's metadata version) plus the admin's SCRAM credential: the
     * controller writes these records to the new metadata log, as it does those of {@code kafka-storage format
     * --add-scram} (the test kit hands its controller this object rather than what its formatter wrote).
     */
    private static BootstrapMetadata withAdminCredential(String adminPassword) {
        try {
            ScramCredential credential = new ScramFormatter(org.apache.kafka.common.security.scram.internals.ScramMechanism.SCRAM_SHA_512)
                    .generateCredential(adminPassword, ADMIN_SCRAM_ITERATIONS);
            List<ApiMessageAndVersion> records = new ArrayList<>(
                    BootstrapMetadata.fromVersion(BrokerConfig.RELEASE_VERSION, "embedded broker").records());
            records.add(new ApiMessageAndVersion(new UserScramCredentialRecord()
                    .setName(KafkaAccessControl.ADMIN)
                    .setMechanism(KafkaAccessControl.MECHANISM.type())
                    .setSalt(credential.salt())
                    .setStoredKey(credential.storedKey())
                    .setServerKey(credential.serverKey())
                    .setIterations(credential.iterations()), (short) 0));
            return BootstrapMetadata.fromRecords(records, "embedded broker with the admin's SCRAM credential");
        } catch (NoSuchAlgorithmException e) {
            throw new PlatformException("this JVM has no SHA-512 for SCRAM", e);
        }
    }

    /** Whether clients must authenticate ({@link #startSecured}). */
    public boolean secured() {
        return adminPassword.isPresent();
    }

    /**
     * The settings of a client that logs in as {@code User:<name>}: bootstrap servers, SASL_PLAINTEXT,
     * {@value KafkaAccessControl#SASL_MECHANISM} and the JAAS line (which holds the password: never log these).
     */
    public Properties clientProperties(String name, String password) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException("the password of " + name + " holds a quote or a backslash: not in a JAAS line");
        }
        if (!secured()) {
            throw new IllegalStateException("this embedded broker is not secured: its clients need no credential");
        }
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name);
        props.put(SaslConfigs.SASL_MECHANISM, KafkaAccessControl.SASL_MECHANISM);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, SCRAM_LOGIN + " required username=\"" + name + "\" password=\"" + password + "\";");
        return props;
    }

    /** {@link #clientProperties} of the super user {@value KafkaAccessControl#ADMIN}. */
    public Properties adminProperties() {
        return clientProperties(KafkaAccessControl.ADMIN, adminPassword.orElseThrow(
                () -> new IllegalStateException("this embedded broker is not secured: it has no admin")));
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The controller listener, which clients reach only through {@code bootstrap.controllers}. */
    public String bootstrapControllers() {
        return cluster.bootstrapControllers();
    }

    @Override
    public int brokerCount() {
        return 1;
    }

    @Override
    public String kind() {
        return secured() ? "embedded KRaft (SASL/SCRAM, ACLs)" : "embedded KRaft";
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new PlatformException("could not stop the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception ignored) {
            // start-up already failed; that is the error to report
        }
    }
}
