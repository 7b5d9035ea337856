package com.metasupervisor.platform;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.SchemaRegistration;
import com.metasupervisor.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform of an installation ({@code ./ms run}): a Kafka broker in a process of its own whose log directories
 * are in the {@link DataDirectory}, formatted once and reused; Apicurio Registry keeping its schemas in Kafka
 * (KafkaSQL), so a schema keeps its id across restarts; every catalog topic with the retention the catalog gives
 * it. Either process can be started again after it died ({@link #restartBroker()}, {@link #restartRegistry()});
 * {@link #stop()} stops the registry, then the broker, and keeps every byte of data.
 */
public final class InstalledPlatform implements AutoCloseable {

    static final String BROKER = "broker";
    static final String REGISTRY = "registry";
    private static final String SCHEMA_IDS = "schema-ids.properties";
    private static final Logger LOG = LoggerFactory.getLogger(InstalledPlatform.class);

    private final DataDirectory data;
    private final Path logDir;
    private final DataDirectory.Ports ports;
    private final Duration startupTime;
    private volatile BrokerProcess broker;
    private volatile ApicurioRegistryProcess registry;

    private InstalledPlatform(DataDirectory data, Path logDir, DataDirectory.Ports ports, BrokerProcess broker,
                              ApicurioRegistryProcess registry, Duration startupTime) {
        this.data = data;
        this.logDir = logDir;
        this.ports = ports;
        this.broker = broker;
        this.registry = registry;
        this.startupTime = startupTime;
    }

    /**
     * Starts the broker, brings the catalog's topics to the catalog's configuration (created where missing, their
     * retention set where it differs), starts the registry on it and registers the catalog's schemas; a schema
     * whose id differs from the one it had at the installation's first start is refused ({@link SchemaIdGuard}).
     */
    public static InstalledPlatform start(DataDirectory data, Path logDir, DataDirectory.Ports ports) {
        long started = System.nanoTime();
        BrokerProcess broker = startBroker(data, logDir, ports);
        ApicurioRegistryProcess registry = null;
        try {
            LocalPlatform.createTopics(broker, Topics.all(), LocalPlatform.TopicRetentions.CATALOG);
            registry = startRegistry(data, logDir, ports, broker);
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            broker.close();
            throw e;
        }
        InstalledPlatform platform = new InstalledPlatform(data, logDir, ports, broker, registry,
                Duration.ofNanos(System.nanoTime() - started));
        LOG.info("platform up in {} ms: Kafka at {}, Apicurio Registry (KafkaSQL) at {}, data in {}",
                platform.startupTime.toMillis(), broker.bootstrapServers(), registry.settings().url(), data.dir());
        return platform;
    }

    private static BrokerProcess startBroker(DataDirectory data, Path logDir, DataDirectory.Ports ports) {
        BrokerProcess broker = BrokerProcess.start(new BrokerConfig(data.brokerDir(), ports.kafka(), ports.controller()),
                logDir.resolve("kafka-broker.log"));
        data.recordProcess(BROKER, broker.processHandle());
        return broker;
    }

    private static ApicurioRegistryProcess startRegistry(DataDirectory data, Path logDir, DataDirectory.Ports ports,
                                                         BrokerProcess broker) {
        ApicurioRegistryProcess registry = ApicurioRegistryProcess.startDurable(logDir, data.registryDir(),
                broker.bootstrapServers(), ports.registry());
        data.recordProcess(REGISTRY, registry.processHandle());
        try {
            List<SchemaRegistration.Registered> registered = SchemaRegistration.to(registry.settings()).registerCatalog();
            SchemaIdGuard.check(data.dir().resolve(SCHEMA_IDS), registered);
            return registry;
        } catch (RuntimeException e) {
            registry.close();
            throw e instanceof PlatformException ? e
                    : new PlatformException("could not register the catalog's schemas: " + e.getMessage(), e);
        }
    }

    /** Starts the broker again on the same data and port (after it died); the services reconnect by themselves. */
    public synchronized BrokerProcess restartBroker() {
        if (broker.processHandle().isAlive()) {
            broker.kill();
        }
        broker = startBroker(data, logDir, ports);
        return broker;
    }

    /** Starts the registry again on the same journal and port (after it died): every schema keeps its id. */
    public synchronized ApicurioRegistryProcess restartRegistry() {
        if (registry.processHandle().isAlive()) {
            registry.kill();
        }
        registry = startRegistry(data, logDir, ports, broker);
        return registry;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public RegistrySettings registry() {
        return registry.settings();
    }

    public BrokerProcess broker() {
        return broker;
    }

    public ApicurioRegistryProcess registryProcess() {
        return registry;
    }

    public DataDirectory data() {
        return data;
    }

    /** From the call to {@link #start} to the schemas registered. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Names of the topics on the broker (internal ones excluded). */
    public Set<String> topicNames() {
        return LocalPlatform.topicNames(broker.bootstrapServers());
    }

    /**
     * Stops the registry (it writes to Kafka), then the broker, each gracefully within its stop timeout
     * ({@link ApicurioRegistryProcess#STOP_TIMEOUT}, {@link BrokerProcess#STOP_TIMEOUT}); returns what it did, one
     * line each, e.g. {@code registry stopped in 812 ms}.
     */
    public List<String> stop() {
        List<String> done = new ArrayList<>();
        done.add(timed(REGISTRY, () -> registry.close()));
        data.forgetProcess(REGISTRY);
        done.add(timed(BROKER, () -> broker.close()));
        data.forgetProcess(BROKER);
        return done;
    }

    @Override
    public void close() {
        stop();
    }

    static String timed(String what, Runnable stop) {
        long started = System.nanoTime();
        try {
            stop.run();
            return what + " stopped in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms";
        } catch (RuntimeException e) {
            LOG.warn("{} did not stop cleanly", what, e);
            return what + " did not stop cleanly (" + e.getMessage() + ")";
        }
    }
}
