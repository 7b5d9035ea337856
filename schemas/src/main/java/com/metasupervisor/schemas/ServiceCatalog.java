package com.metasupervisor.schemas;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The service catalog: every service of the product and every outside party that writes or reads a
 * topic, with what each reads and writes ({@code services.yaml} next to this class). {@link Topic}'s
 * producers and consumers are derived from it; {@code ./ms run}, {@code ./ms bench} and the
 * deployment descriptor test read it. Adding a service is its module plus one entry.
 *
 * <p>{@link #standard()} is the file named by the system property {@value #PATH_PROPERTY} or the
 * environment variable {@value #PATH_ENV}, else the bundled one: a copy can stand in for it anywhere.
 */
public final class ServiceCatalog {

    /** The bundled catalog, a classpath resource next to this class. */
    public static final String BUNDLED = "services.yaml";
    /** System property naming another catalog file (wins over {@link #PATH_ENV}). */
    public static final String PATH_PROPERTY = "ms.service-catalog";
    /** Environment variable naming another catalog file. */
    public static final String PATH_ENV = "MS_SERVICE_CATALOG";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String source;
    private final List<ServiceDefinition> services;
    private final List<OutsideParty> outsideParties;

    /**
     * @param source         where it was read from, for messages
     * @param services       the product's services, in start order
     * @param outsideParties the parties outside the product
     * @throws ServiceCatalogException when two entries share a name, or two services a port, an
     *                                 application id, an env prefix or a main class
     */
    public ServiceCatalog(String source, List<ServiceDefinition> services, List<OutsideParty> outsideParties) {
        this.source = Objects.requireNonNull(source, "source");
        this.services = List.copyOf(services);
        this.outsideParties = List.copyOf(outsideParties);
        unique("name", parties(), TopicParty::name);
        unique("port", this.services, ServiceDefinition::port);
        unique("application-id", this.services, ServiceDefinition::applicationId);
        unique("env-prefix", this.services, ServiceDefinition::envPrefix);
        unique("main-class", this.services, ServiceDefinition::mainClass);
    }

    /** The catalog in force: the file {@value #PATH_PROPERTY} or {@value #PATH_ENV} names, else {@link #bundled()}. */
    public static ServiceCatalog standard() {
        String path = System.getProperty(PATH_PROPERTY);
        if (path == null || path.isBlank()) {
            path = System.getenv(PATH_ENV);
        }
        return path == null || path.isBlank() ? bundled() : load(Path.of(path));
    }

    /** The catalog of this build ({@value #BUNDLED} on the classpath). */
    public static ServiceCatalog bundled() {
        return Bundled.CATALOG;
    }

    /** The catalog in {@code file}. */
    public static ServiceCatalog load(Path file) {
        try {
            return parse(Files.readString(file), file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new ServiceCatalogException("service catalog " + file.toAbsolutePath() + ": cannot read it: " + e, e);
        }
    }

    /** The catalog written in {@code yaml}; {@code source} names it in messages. */
    public static ServiceCatalog parse(String yaml, String source) {
        CatalogDocument document;
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                throw new ServiceCatalogException("service catalog " + source + ": the file is empty");
            }
            document = YAML.readValue(parser, CatalogDocument.class);
        } catch (JsonProcessingException e) {
            throw new ServiceCatalogException("service catalog " + source + ": " + describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String does not fail to read
        }
        try {
            return new ServiceCatalog(source,
                    Objects.requireNonNullElse(document.services, List.<ServiceEntry>of()).stream().map(ServiceEntry::definition).toList(),
                    Objects.requireNonNullElse(document.parties, List.<PartyEntry>of()).stream().map(PartyEntry::party).toList());
        } catch (IllegalArgumentException e) {
            throw new ServiceCatalogException("service catalog " + source + ": " + e.getMessage(), e);
        }
    }

    /** Where it was read from. */
    public String source() {
        return source;
    }

    /** The product's services, in start order. */
    public List<ServiceDefinition> services() {
        return services;
    }

    /** The parties outside the product. */
    public List<OutsideParty> outsideParties() {
        return outsideParties;
    }

    /** Everyone: the services, then the outside parties. */
    public List<TopicParty> parties() {
        return Stream.concat(services.stream(), outsideParties.stream()).map(TopicParty.class::cast).toList();
    }

    /** The service called {@code name}, if any. */
    public Optional<ServiceDefinition> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The services that have a benchmark, in catalog order. */
    public List<ServiceDefinition> benchmarked() {
        return services.stream().filter(s -> s.benchmark().isPresent()).toList();
    }

    /** The names of those who write {@code topic}, in catalog order. */
    public List<String> writersOf(TopicRef topic) {
        return parties().stream().filter(p -> p.writes().contains(topic)).map(TopicParty::name).toList();
    }

    /** The names of those who read {@code topic}, in catalog order. */
    public List<String> readersOf(TopicRef topic) {
        return parties().stream().filter(p -> p.reads().contains(topic)).map(TopicParty::name).toList();
    }

    /** Who writes the catalog topic {@code topic} (its dead-letter topic aside). */
    public List<String> producersOf(Topic<?> topic) {
        return writersOf(TopicRef.of(topic));
    }

    /** Who reads the catalog topic {@code topic} (its dead-letter topic aside). */
    public List<String> consumersOf(Topic<?> topic) {
        return readersOf(TopicRef.of(topic));
    }

    /**
     * The input topics: every catalog topic (dead-letter topics aside) that a party outside the product
     * writes, in {@link Topics#all()} order. Their writers upgrade on their own schedule, so SPEC §2 holds
     * their schemas to FULL_TRANSITIVE compatibility.
     */
    public List<Topic<?>> writtenByOutsideParties() {
        return Topics.all().stream()
                .filter(topic -> outsideParties.stream().anyMatch(party -> party.writes().contains(TopicRef.of(topic))))
                .toList();
    }

    @Override
    public String toString() {
        return "ServiceCatalog[" + source + ": " + parties().stream().map(TopicParty::name).collect(Collectors.joining(", ")) + "]";
    }

    private <T extends TopicParty> void unique(String key, List<T> entries, Function<T, ?> value) {
        Map<Object, String> owners = new HashMap<>();
        for (T entry : entries) {
            String other = owners.putIfAbsent(value.apply(entry), entry.name());
            if (other != null) {
                throw new ServiceCatalogException("service catalog " + source + ": " + key + " " + value.apply(entry)
                        + " belongs to both " + other + " and " + entry.name());
            }
        }
    }

    /** What is wrong, where: {@code services[1].prot (line 24, column 5): unknown key 'prot' ...}. */
    private static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
        JsonLocation at = e.getLocation();
        String where = (path.isEmpty() ? "" : path + " ")
                + (at == null || at.getLineNr() < 1 ? "" : "(line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        String what = e instanceof UnrecognizedPropertyException unknown
                ? "unknown key '" + unknown.getPropertyName() + "' (known: "
                        + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")"
                : e.getOriginalMessage();
        return (where.isBlank() ? "" : where.strip() + ": ") + what;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static List<TopicRef> topics(String owner, String key, List<String> names) {
        List<TopicRef> topics = new ArrayList<>();
        for (String name : Objects.requireNonNullElse(names, List.<String>of())) {
            try {
                topics.add(TopicRef.parse(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(owner + ": " + key + ": " + e.getMessage(), e);
            }
        }
        return topics;
    }

    /** The bundled catalog, read once: a classpath resource does not change while the JVM runs. */
    private static final class Bundled {
        static final ServiceCatalog CATALOG = read();

        private static ServiceCatalog read() {
            try (InputStream in = ServiceCatalog.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new ServiceCatalogException("service catalog " + BUNDLED + " is not on the classpath next to "
                            + ServiceCatalog.class.getName());
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + BUNDLED);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // The file's shape, as Jackson binds it (keys in kebab case); the public records validate the values.
    // Fields, not records: Jackson reports an unknown key of a record only at the end of its entry, and
    // the line of the key itself is what a reader needs.

    private static final class CatalogDocument {
        public List<ServiceEntry> services;
        public List<PartyEntry> parties;
    }

    private static final class ServiceEntry {
        public String name;
        public Integer port;
        public String applicationId;
        public String mainClass;
        public String envPrefix;
        public BenchmarkEntry benchmark;
        public java.util.LinkedHashMap<String, String> runConfig;
        public List<String> reads;
        public List<String> writes;

        ServiceDefinition definition() {
            String owner = CatalogRules.name(name);
            return new ServiceDefinition(name, CatalogRules.required(owner, "port", port), applicationId, mainClass, envPrefix,
                    Optional.ofNullable(benchmark).map(b -> b.benchmark(owner)), runConfig,
                    topics(owner, "reads", reads), topics(owner, "writes", writes));
        }
    }

    private static final class BenchmarkEntry {
        public String mainClass;
        public String arguments;

        ServiceBenchmark benchmark(String owner) {
            try {
                return new ServiceBenchmark(mainClass, arguments);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(owner + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class PartyEntry {
        public String name;
        public String description;
        public List<String> reads;
        public List<String> writes;

        OutsideParty party() {
            String owner = CatalogRules.name(name);
            return new OutsideParty(name, description, topics(owner, "reads", reads), topics(owner, "writes", writes));
        }
    }
}
