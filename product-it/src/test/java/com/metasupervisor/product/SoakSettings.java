package com.metasupervisor.product;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one soak run does, from system properties ({@code -Dsoak.events=...}): how many alpha events, for how many
 * agents, at what rate, from which seed, where its data and logs go.
 *
 * @param events   alpha events fed ({@code soak.events}; 1 000 000 for the figures, e.g. 20 000 for a smoke run)
 * @param agents   agents the events are spread over ({@code soak.agents}, default 200)
 * @param rate     events per second the feed is paced at ({@code soak.rate}, default 500): below what the product
 *                 sustains, so that a service's lag can come back to about zero after a kill while the feed goes on
 * @param seed     the market's and the fleet's seed ({@code soak.seed}, default 15)
 * @param home     the repository root ({@code ./ms} is there)
 * @param dataDir  {@code MS_DATA_DIR} of the run: {@code product-it/target/soak/data}, emptied first
 * @param runDir   {@code MS_RUN_DIR} of the run (logs): {@code product-it/target/soak/run}, emptied first
 */
record SoakSettings(int events, int agents, int rate, long seed, Path home, Path dataDir, Path runDir) {

    /** How long an awaited condition may take before the run fails: generous, a 2-core machine is shared. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(10);
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(60);

    SoakSettings {
        if (events < SoakFeed.SYMBOLS) {
            throw new IllegalArgumentException("soak.events must be >= " + SoakFeed.SYMBOLS + ", was " + events);
        }
        if (agents < 1 || rate < 1) {
            throw new IllegalArgumentException("soak.agents and soak.rate must be >= 1, were " + agents + " and " + rate);
        }
    }

    static SoakSettings fromSystemProperties() {
        Path home = Path.of("").toAbsolutePath().getParent(); // Surefire runs in product-it
        Path soak = home.resolve("product-it/target/soak");
        return new SoakSettings(Integer.getInteger("soak.events", 1_000_000), Integer.getInteger("soak.agents", 200),
                Integer.getInteger("soak.rate", 500), Long.getLong("soak.seed", 15L), home, soak.resolve("data"),
                soak.resolve("run"));
    }

    Path reportFile() {
        return dataDir.getParent().resolve("report.md");
    }

    /** A consumer lag of at most about one second of feed counts as caught up while the feed runs. */
    long caughtUpLag() {
        return Math.max(200, rate);
    }
}
