package com.metasupervisor.schemas;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One service of the product, as the service catalog describes it: what runs it, where it listens,
 * and what it reads and writes.
 *
 * @param name          its name, which is also its module directory, e.g. {@code risk-service}
 * @param port          the HTTP port it listens on (locally, in compose and in deploy/)
 * @param applicationId its Kafka Streams {@code application.id}
 * @param mainClass     its main class
 * @param envPrefix     the prefix of its own environment keys, e.g. {@code RISK} for {@code RISK_PORT}
 * @param benchmark     its benchmark, if it has one
 * @param runConfig     configuration keys {@code ./ms run} sets for it beyond the common ones, in file order; in a value,
 *                      {@value #RUN_DIR} stands for the service's own directory under the run directory
 * @param reads         the topics it reads, dead-letter topics included
 * @param writes        the topics it writes, dead-letter topics included
 */
public record ServiceDefinition(
        String name,
        int port,
        String applicationId,
        String mainClass,
        String envPrefix,
        Optional<ServiceBenchmark> benchmark,
        Map<String, String> runConfig,
        List<TopicRef> reads,
        List<TopicRef> writes) implements TopicParty {

    /** In a {@link #runConfig} value: the service's directory under the run directory. */
    public static final String RUN_DIR = "{run-dir}";
    private static final Pattern CONFIG_KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

    static final Pattern JAVA_CLASS_NAME = Pattern.compile("([a-zA-Z_$][\\w$]*\\.)+[a-zA-Z_$][\\w$]*");
    private static final Pattern APPLICATION_ID = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern ENV_PREFIX = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    private static final String SERVICE_SUFFIX = "-service";

    public ServiceDefinition {
        CatalogRules.name(name);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + ": port must be in 1..65535, was " + port);
        }
        CatalogRules.required(name, "application-id", applicationId);
        if (!APPLICATION_ID.matcher(applicationId).matches()) {
            throw new IllegalArgumentException(name + ": application-id may hold only letters, digits, '.', '_' and '-', was '"
                    + applicationId + "'");
        }
        CatalogRules.required(name, "main-class", mainClass);
        if (!JAVA_CLASS_NAME.matcher(mainClass).matches()) {
            throw new IllegalArgumentException(name + ": main-class must be a fully qualified class name, was '" + mainClass + "'");
        }
        CatalogRules.required(name, "env-prefix", envPrefix);
        if (!ENV_PREFIX.matcher(envPrefix).matches()) {
            throw new IllegalArgumentException(name + ": env-prefix must be upper case words joined by '_' (e.g. RISK), was '"
                    + envPrefix + "'");
        }
        benchmark = Objects.requireNonNullElse(benchmark, Optional.empty());
        runConfig = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(runConfig, Map.of())));
        runConfig.forEach((key, value) -> {
            if (!CONFIG_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(name + ": run-config key must be a dotted kebab-case configuration key, was '" + key + "'");
            }
            CatalogRules.required(name, "run-config " + key, value);
        });
        reads = CatalogRules.topics(name, "reads", reads);
        writes = CatalogRules.topics(name, "writes", writes);
        CatalogRules.usesATopic(name, reads, writes);
    }

    /** Its name without {@code -service} ({@code risk} for {@code risk-service}): what {@code ./ms bench risk} accepts. */
    public String shortName() {
        return name.endsWith(SERVICE_SUFFIX) ? name.substring(0, name.length() - SERVICE_SUFFIX.length()) : name;
    }

    /** Its {@link #runConfig} with {@value #RUN_DIR} replaced by {@code runDir}. */
    public Map<String, String> runConfig(String runDir) {
        Map<String, String> out = new LinkedHashMap<>();
        runConfig.forEach((key, value) -> out.put(key, value.replace(RUN_DIR, runDir)));
        return out;
    }

    /** One of its own environment keys: {@code envKey("PORT")} is {@code RISK_PORT} for risk-service. */
    public String envKey(String suffix) {
        return envPrefix + "_" + suffix;
    }
}
