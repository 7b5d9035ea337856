package com.metasupervisor.cli;

import com.metasupervisor.platform.PlatformException;
import com.metasupervisor.platform.kafka.KafkaAccessControl;
import com.metasupervisor.schemas.ServiceCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms kafka-access [--apply] ...}: who may do what on Kafka, derived from the service catalog
 * ({@link KafkaAccessControl}); with {@code --apply}, the ACLs created and the SCRAM credentials set on a broker, as the
 * super user. Compose's and deploy's ACL job run it.
 */
@Command(name = "kafka-access",
        description = {"Prints every Kafka ACL binding the service catalog gives each principal (User:<name>: each service, each",
                "outside party, schema-registry; User:admin is the super user). --apply creates them on the broker (idempotent)",
                "and sets the SCRAM-SHA-512 credential of every principal with a file <passwords-dir>/<name> (its content;",
                "passwords are never printed). Exit status: 0 printed / applied, 1 the broker refused or did not answer, or a",
                "file could not be read, 2 usage."})
final class KafkaAccessCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(names = "--apply", description = "Create the bindings and set the credentials on the broker (as the admin).")
    boolean apply;

    @Option(names = "--bootstrap-servers", paramLabel = "<servers>", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka, with --apply (env KAFKA_BOOTSTRAP_SERVERS; now ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "<file>",
            description = "Admin client properties of the super user (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.*).")
    Path commandConfig;

    @Option(names = "--passwords-dir", paramLabel = "<dir>",
            description = "A file per principal, named as it (e.g. risk-service), holding its password; others are left as they are.")
    Path passwordsDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServiceCatalog catalog = ServiceCatalog.standard();
        KafkaAccessControl access = KafkaAccessControl.of(catalog);
        out.print(access.describe());
        out.printf("kafka-access: %d bindings for %d principals (service catalog %s)%n", access.bindings().size(),
                access.principals().size(), catalog.source());
        if (!apply) {
            return DONE;
        }
        try {
            Map<String, String> passwords = passwords(access.principalNames(), err);
            try (Admin admin = Admin.create(adminConfig())) {
                List<String> credentialed = access.apply(admin, passwords, TIMEOUT);
                out.printf("kafka-access: %d bindings applied at %s%n", access.bindings().size(), bootstrapServers);
                credentialed.forEach(name -> out.println("SCRAM credential set for " + name));
            }
            return DONE;
        } catch (IOException e) {
            err.println("kafka-access: " + e.getMessage());
            return FAILED;
        } catch (PlatformException e) {
            err.println("kafka-access: " + e.getMessage());
            return FAILED;
        }
    }

    private Properties adminConfig() throws IOException {
        Properties props = new Properties();
        if (commandConfig != null) {
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                props.load(reader);
            } catch (IOException e) {
                throw new IOException("cannot read --command-config " + commandConfig.toAbsolutePath() + ": " + e.getClass().getSimpleName(), e);
            }
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        return props;
    }

    /** The content (trailing whitespace trimmed) of {@code <dir>/<name>} for every principal name with such a file. */
    private Map<String, String> passwords(Set<String> names, PrintWriter err) throws IOException {
        Map<String, String> passwords = new TreeMap<>();
        if (passwordsDir == null) {
            return passwords;
        }
        if (!Files.isDirectory(passwordsDir)) {
            throw new IOException("--passwords-dir " + passwordsDir.toAbsolutePath() + " is not a directory");
        }
        for (String name : names) {
            Path file = passwordsDir.resolve(name);
            if (Files.isRegularFile(file)) {
                String password;
                try {
                    password = Files.readString(file).stripTrailing();
                } catch (IOException e) {
                    throw new IOException("cannot read the password file " + file.toAbsolutePath() + ": " + e.getClass().getSimpleName(), e);
                }
                if (password.isEmpty()) {
                    throw new IOException("the password file " + file.toAbsolutePath() + " is empty");
                }
                passwords.put(name, password);
            }
        }
        // a mistyped name would leave its principal without a credential: say so (Kubernetes' ..data entries aside)
        try (Stream<Path> files = Files.list(passwordsDir)) {
            files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".") && !names.contains(f)).sorted()
                    .forEach(f -> err.println("kafka-access: ignored " + passwordsDir.resolve(f) + ": no principal is called '" + f + "'"));
        }
        return passwords;
    }
}
