package com.metasupervisor.reporting.execute;

import com.metasupervisor.configrepo.ConfigRepository;
import com.metasupervisor.configrepo.ConfigRepositoryBackend;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config repository, opened on first use and again after a failure that may have left it unusable: a local-git
 * repository governance-service has not created yet fails to open (ConfigRepositoryException, retried by the
 * executor's back-off) until it is there.
 */
public final class ConfigRepositoryConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigRepositoryConnection.class);

    private final ConfigRepositoryBackend backend;
    private ConfigRepository repository;

    public ConfigRepositoryConnection(ConfigRepositoryBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** {@code work} on the open repository; an unexpected failure closes it so the next use opens it afresh. */
    public synchronized <T> T with(Function<ConfigRepository, T> work) {
        if (repository == null) {
            repository = backend.open();
            LOG.info("config repository opened ({}): {}", backend.name(), repository);
        }
        try {
            return work.apply(repository);
        } catch (ConfigRepositoryException | IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (repository != null) {
            try {
                repository.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the config repository failed: {}", e.getMessage());
            } finally {
                repository = null;
            }
        }
    }
}
