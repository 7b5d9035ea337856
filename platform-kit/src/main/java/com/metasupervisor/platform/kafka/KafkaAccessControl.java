package com.metasupervisor.platform.kafka;

import com.metasupervisor.platform.PlatformException;
import com.metasupervisor.schemas.OutsideParty;
import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.ServiceDefinition;
import com.metasupervisor.schemas.TopicParty;
import com.metasupervisor.schemas.TopicRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on Kafka, derived from the service catalog (SPEC §8, issue 16): one principal
 * {@code User:<name>} per service and per outside party, plus {@value #SCHEMA_REGISTRY} (Apicurio's KafkaSQL
 * storage) and {@value #ADMIN}, the broker's super user (topics, ACLs, SCRAM credentials), who needs no binding.
 *
 * <ul>
 *   <li>every party: READ + DESCRIBE on the topics it reads, WRITE + DESCRIBE on the topics it writes;</li>
 *   <li>a service also WRITE + DESCRIBE on {@code <t>.dlq} for every catalog topic {@code t} it reads (streams-kit's
 *       handlers may dead-letter any input), ALL on topics prefixed by its application id (Kafka Streams' changelog
 *       and repartition topics), READ on groups prefixed by it (the Streams group) and WRITE + DESCRIBE on
 *       transactional ids prefixed by it (exactly-once v2: {@code <application.id>-<process id>-<thread>});</li>
 *   <li>an outside party that reads: READ on groups prefixed by its name (e.g. {@code downstream-traders-sizing});</li>
 *   <li>{@value #SCHEMA_REGISTRY}: its topics ({@code kafkasql-journal}, {@code kafkasql-snapshots}, prefix
 *       {@value #REGISTRY_TOPIC_PREFIX}, and {@value #REGISTRY_EVENTS_TOPIC}) to create, read, write and describe with
 *       their configs (it creates them when absent and checks their retention on every start), and its consumer
 *       groups, which it names {@value #REGISTRY_GROUP_PREFIX}{@code <random uuid>} on every start.</li>
 * </ul>
 * Idempotent producers need only WRITE on their topics (Kafka 3.0+), so no principal gets a cluster permission.
 */
public final class KafkaAccessControl {

    /** The broker's super user ({@code super.users=User:admin}): creates topics, ACLs and SCRAM credentials. */
    public static final String ADMIN = "admin";
    /** Apicurio Registry's principal (its KafkaSQL storage). */
    public static final String SCHEMA_REGISTRY = "schema-registry";
    /** The SASL mechanism of every principal. */
    public static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;
    /** Kafka's {@code sasl.mechanism} name of {@link #MECHANISM}. */
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";
    /** Apicurio's KafkaSQL topics: {@code kafkasql-journal} and {@code kafkasql-snapshots}. */
    static final String REGISTRY_TOPIC_PREFIX = "kafkasql-";
    /** Apicurio's events topic ({@code apicurio.events.kafka.topic}). */
    static final String REGISTRY_EVENTS_TOPIC = "registry-events";
    /** Apicurio's {@code apicurio.kafkasql.consumer.group-prefix} default: a fresh group per start, so all of it replays. */
    static final String REGISTRY_GROUP_PREFIX = "apicurio-";
    /** SCRAM iterations: Kafka's minimum is 4096; 8192 as Kafka's own tools default to. */
    static final int SCRAM_ITERATIONS = 8192;

    private static final String ANY_HOST = "*";

    private final List<PrincipalAccess> principals;

    private KafkaAccessControl(List<PrincipalAccess> principals) {
        this.principals = List.copyOf(principals);
    }

    /** The access of every party of {@code catalog}, then {@value #SCHEMA_REGISTRY}'s. */
    public static KafkaAccessControl of(ServiceCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        List<PrincipalAccess> principals = new ArrayList<>();
        for (TopicParty party : catalog.parties()) {
            principals.add(switch (party) {
                case ServiceDefinition service -> serviceAccess(service);
                case OutsideParty outside -> outsideAccess(outside);
            });
        }
        principals.add(registryAccess());
        return new KafkaAccessControl(principals);
    }

    /** {@code User:<name>}. */
    public static String principalOf(String name) {
        return "User:" + name;
    }

    /** Every principal with bindings, services first, in catalog order, then {@value #SCHEMA_REGISTRY}. */
    public List<PrincipalAccess> principals() {
        return principals;
    }

    /** The access of principal {@code name}, if it has any binding. */
    public Optional<PrincipalAccess> principal(String name) {
        return principals.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every name a password may be given for: the principals and {@value #ADMIN}. */
    public Set<String> principalNames() {
        Set<String> names = new LinkedHashSet<>();
        principals.forEach(p -> names.add(p.name()));
        names.add(ADMIN);
        return names;
    }

    /** Every binding, principal by principal. */
    public List<AclBinding> bindings() {
        return principals.stream().flatMap(p -> p.bindings().stream()).toList();
    }

    /** One line per binding, grouped by principal, e.g. {@code User:risk-service  ALL  TOPIC  prefixed meta-supervisor-risk}. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(principalOf(ADMIN)).append("  super user (super.users): every operation, no binding needed\n");
        for (PrincipalAccess access : principals) {
            for (AclBinding binding : access.bindings()) {
                out.append(describe(binding)).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code User:x  READ  TOPIC  alpha.events} or {@code ... prefixed meta-supervisor-risk}. */
    public static String describe(AclBinding binding) {
        ResourcePattern pattern = binding.pattern();
        return binding.entry().principal() + "  " + binding.entry().operation() + "  " + pattern.resourceType() + "  "
                + (pattern.patternType() == PatternType.PREFIXED ? "prefixed " : "") + pattern.name();
    }

    /**
     * Creates every binding (creating one that exists changes nothing) and, for each principal with a password in
     * {@code passwords}, sets its {@link #MECHANISM} credential, through {@code admin} (a super user's client).
     * Passwords appear in no message.
     *
     * @return the names whose credential was set, in {@code passwords}' name order
     * @throws IllegalArgumentException when a password is given for a name that is no principal, or is blank
     * @throws PlatformException        when the broker refuses or does not answer within {@code timeout}
     */
    public List<String> apply(Admin admin, Map<String, String> passwords, Duration timeout) {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(timeout, "timeout");
        Map<String, String> byName = new TreeMap<>(Objects.requireNonNull(passwords, "passwords"));
        Set<String> known = principalNames();
        for (Map.Entry<String, String> password : byName.entrySet()) {
            if (!known.contains(password.getKey())) {
                throw new IllegalArgumentException("a password was given for '" + password.getKey()
                        + "', which is no principal (known: " + String.join(", ", known) + ")");
            }
            if (password.getValue() == null || password.getValue().isBlank()) {
                throw new IllegalArgumentException("the password of '" + password.getKey() + "' is blank");
            }
        }
        await(admin.createAcls(bindings()).all(), timeout, "creating " + bindings().size() + " ACL bindings");
        if (!byName.isEmpty()) {
            List<UserScramCredentialAlteration> upserts = byName.entrySet().stream()
                    .<UserScramCredentialAlteration>map(e -> new UserScramCredentialUpsertion(e.getKey(),
                            new ScramCredentialInfo(MECHANISM, SCRAM_ITERATIONS), e.getValue()))
                    .toList();
            await(admin.alterUserScramCredentials(upserts).all(), timeout,
                    "setting the SCRAM credentials of " + String.join(", ", byName.keySet()));
        }
        return List.copyOf(byName.keySet());
    }

    private static void await(KafkaFuture<Void> future, Duration timeout, String what) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            // Kafka's own messages name the resource or user, never a password
            throw new PlatformException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PlatformException(what + ": no answer from the broker within " + timeout, e);
        }
    }

    private static PrincipalAccess serviceAccess(ServiceDefinition service) {
        Grants grants = new Grants(service.name());
        topicAccess(service, grants);
        for (TopicRef read : service.reads()) {
            // the dead-letter topic of a dead-letter topic does not exist: bytes read from a .dlq are not validated
            if (!read.deadLetter()) {
                grants.add(ResourceType.TOPIC, PatternType.LITERAL, read.topic().deadLetterTopic(), AclOperation.WRITE, AclOperation.DESCRIBE);
            }
        }
        String applicationId = service.applicationId();
        grants.add(ResourceType.TOPIC, PatternType.PREFIXED, applicationId, AclOperation.ALL);
        grants.add(ResourceType.GROUP, PatternType.PREFIXED, applicationId, AclOperation.READ);
        grants.add(ResourceType.TRANSACTIONAL_ID, PatternType.PREFIXED, applicationId, AclOperation.WRITE, AclOperation.DESCRIBE);
        return grants.access();
    }

    private static PrincipalAccess outsideAccess(OutsideParty party) {
        Grants grants = new Grants(party.name());
        topicAccess(party, grants);
        if (!party.reads().isEmpty()) {
            grants.add(ResourceType.GROUP, PatternType.PREFIXED, party.name(), AclOperation.READ);
        }
        return grants.access();
    }

    private static void topicAccess(TopicParty party, Grants grants) {
        party.reads().forEach(t -> grants.add(ResourceType.TOPIC, PatternType.LITERAL, t.name(), AclOperation.READ, AclOperation.DESCRIBE));
        party.writes().forEach(t -> grants.add(ResourceType.TOPIC, PatternType.LITERAL, t.name(), AclOperation.WRITE, AclOperation.DESCRIBE));
    }

    private static PrincipalAccess registryAccess() {
        Grants grants = new Grants(SCHEMA_REGISTRY);
        AclOperation[] topicOperations = {AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS};
        grants.add(ResourceType.TOPIC, PatternType.PREFIXED, REGISTRY_TOPIC_PREFIX, topicOperations);
        grants.add(ResourceType.TOPIC, PatternType.LITERAL, REGISTRY_EVENTS_TOPIC, topicOperations);
        grants.add(ResourceType.GROUP, PatternType.PREFIXED, REGISTRY_GROUP_PREFIX, AclOperation.READ);
        return grants.access();
    }

    /** The bindings of one principal, as they are added, without duplicates. */
    private static final class Grants {
        private final String name;
        private final Set<AclBinding> bindings = new LinkedHashSet<>();

        Grants(String name) {
            this.name = name;
        }

        void add(ResourceType type, PatternType patternType, String resource, AclOperation... operations) {
            for (AclOperation operation : operations) {
                bindings.add(new AclBinding(new ResourcePattern(type, resource, patternType),
                        new AccessControlEntry(principalOf(name), ANY_HOST, operation, AclPermissionType.ALLOW)));
            }
        }

        PrincipalAccess access() {
            return new PrincipalAccess(name, List.copyOf(bindings));
        }
    }

    @Override
    public String toString() {
        return "KafkaAccessControl[" + principals.stream().map(PrincipalAccess::name).collect(Collectors.joining(", ")) + "]";
    }
}
