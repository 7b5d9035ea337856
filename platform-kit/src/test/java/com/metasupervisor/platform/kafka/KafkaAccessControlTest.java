package com.metasupervisor.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.ServiceDefinition;
import com.metasupervisor.schemas.TopicParty;
import com.metasupervisor.schemas.TopicRef;
import com.metasupervisor.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The access derived from the bundled service catalog. */
class KafkaAccessControlTest {

    private final ServiceCatalog catalog = ServiceCatalog.bundled();
    private final KafkaAccessControl access = KafkaAccessControl.of(catalog);

    @Test
    void everyCatalogPartyAndTheRegistryIsAPrincipalAndAdminNeedsNoBinding() {
        assertThat(access.principals()).extracting(PrincipalAccess::name).containsExactlyElementsOf(
                Stream.concat(catalog.parties().stream().map(TopicParty::name),
                        Stream.of(KafkaAccessControl.SCHEMA_REGISTRY)).toList());
        assertThat(access.principal(KafkaAccessControl.ADMIN)).isEmpty();
        assertThat(access.principalNames()).contains(KafkaAccessControl.ADMIN, "trading-agents", "reconciler-service");
    }

    @Test
    void theReconcilerMayWriteAlphaReconciledButNotAllocations() {
        assertThat(allows("reconciler-service", AclOperation.WRITE, ResourceType.TOPIC, "alpha.reconciled")).isTrue();
        assertThat(allows("reconciler-service", AclOperation.WRITE, ResourceType.TOPIC, "allocations")).isFalse();
        assertThat(allows("reconciler-service", AclOperation.READ, ResourceType.TOPIC, "allocations")).isFalse();
        // a dead-letter topic of an input, its Streams internals and transactional ids
        assertThat(allows("reconciler-service", AclOperation.WRITE, ResourceType.TOPIC, "models.sim.dlq")).isTrue();
        assertThat(allows("reconciler-service", AclOperation.CREATE, ResourceType.TOPIC,
                "meta-supervisor-reconciler-pairs-changelog")).isTrue();
        assertThat(allows("reconciler-service", AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID,
                "meta-supervisor-reconciler-6b1c-0")).isTrue();
        assertThat(allows("reconciler-service", AclOperation.READ, ResourceType.GROUP, "meta-supervisor-reconciler")).isTrue();
        assertThat(allows("reconciler-service", AclOperation.READ, ResourceType.GROUP, "meta-supervisor-risk")).isFalse();
    }

    @Test
    void agentsMayWriteOnlyAlphaEvents() {
        List<AclBinding> agents = access.principal("trading-agents").orElseThrow().bindings();
        assertThat(agents).extracting(b -> b.entry().operation() + " " + b.pattern().name())
                .containsExactlyInAnyOrder("WRITE alpha.events", "DESCRIBE alpha.events");
    }

    @Test
    void everyWriterAndReaderOfTheCatalogHasItsPermission() {
        for (TopicParty party : catalog.parties()) {
            for (TopicRef topic : party.writes()) {
                assertThat(allows(party.name(), AclOperation.WRITE, ResourceType.TOPIC, topic.name()))
                        .as("%s writes %s", party.name(), topic).isTrue();
            }
            for (TopicRef topic : party.reads()) {
                assertThat(allows(party.name(), AclOperation.READ, ResourceType.TOPIC, topic.name()))
                        .as("%s reads %s", party.name(), topic).isTrue();
            }
        }
    }

    @Test
    void noOneWritesATopicTheCatalogDoesNotGiveIt() {
        for (TopicParty party : catalog.parties()) {
            for (String topic : Topics.allNamesWithDeadLetters()) {
                boolean catalogWriter = party.writes().stream().anyMatch(t -> t.name().equals(topic))
                        || party instanceof ServiceDefinition service && service.reads().stream()
                                .anyMatch(t -> !t.deadLetter() && t.topic().deadLetterTopic().equals(topic));
                assertThat(allows(party.name(), AclOperation.WRITE, ResourceType.TOPIC, topic))
                        .as("%s WRITE %s", party.name(), topic).isEqualTo(catalogWriter);
            }
        }
    }

    @Test
    void nobodyButAdminHasAnyClusterPermissionAndAllIsOnlyForStreamsInternals() {
        assertThat(access.bindings()).noneMatch(b -> b.pattern().resourceType() == ResourceType.CLUSTER);
        assertThat(access.bindings()).allMatch(b -> b.entry().permissionType() == AclPermissionType.ALLOW);
        assertThat(access.bindings()).filteredOn(b -> b.entry().operation() == AclOperation.ALL)
                .allSatisfy(b -> {
                    ServiceDefinition service = catalog.service(b.entry().principal().substring("User:".length())).orElseThrow();
                    assertThat(b.pattern()).isEqualTo(new ResourcePattern(ResourceType.TOPIC, service.applicationId(), PatternType.PREFIXED));
                });
    }

    @Test
    void outsideReadersGetGroupsPrefixedByTheirNameAndWritersNone() {
        assertThat(allows("downstream-traders", AclOperation.READ, ResourceType.GROUP, "downstream-traders-sizing")).isTrue();
        assertThat(allows("downstream-traders", AclOperation.READ, ResourceType.GROUP, "ops-watch")).isFalse();
        assertThat(access.principal("market-data").orElseThrow().bindings())
                .noneMatch(b -> b.pattern().resourceType() == ResourceType.GROUP);
    }

    @Test
    void theRegistryGetsItsJournalTopicsAndGroupsOnly() {
        assertThat(allows(KafkaAccessControl.SCHEMA_REGISTRY, AclOperation.WRITE, ResourceType.TOPIC, "kafkasql-journal")).isTrue();
        assertThat(allows(KafkaAccessControl.SCHEMA_REGISTRY, AclOperation.CREATE, ResourceType.TOPIC, "kafkasql-snapshots")).isTrue();
        assertThat(allows(KafkaAccessControl.SCHEMA_REGISTRY, AclOperation.READ, ResourceType.GROUP,
                "apicurio-0b6c1c36-2a0e-4d0a-9f55-1f2e8f1d2b11")).isTrue();
        assertThat(allows(KafkaAccessControl.SCHEMA_REGISTRY, AclOperation.READ, ResourceType.TOPIC, "alpha.events")).isFalse();
    }

    @Test
    void describeHasOneLinePerBindingAndTheAdmin() {
        String text = access.describe();
        assertThat(text.lines()).hasSize(access.bindings().size() + 1);
        assertThat(text).contains("User:reconciler-service  WRITE  TOPIC  alpha.reconciled\n",
                "User:risk-service  ALL  TOPIC  prefixed meta-supervisor-risk\n", "User:admin  super user");
    }

    @Test
    void aPasswordForAnUnknownNameIsRefusedWithoutBeingShown() {
        assertThatThrownBy(() -> access.apply(unusedAdmin(),
                Map.of("mallory", "s3cret-never-shown"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mallory")
                .hasMessageNotContaining("s3cret-never-shown");
    }

    /** Validation comes before any call: an admin that fails any call proves nothing was sent. */
    private static Admin unusedAdmin() {
        return (Admin) java.lang.reflect.Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> {
                    throw new AssertionError("called " + method.getName());
                });
    }

    /** Whether the derived bindings allow {@code operation} (ALL and the implied DESCRIBE included) on the resource. */
    private boolean allows(String principal, AclOperation operation, ResourceType type, String name) {
        return access.principal(principal).stream().flatMap(p -> p.bindings().stream()).anyMatch(b -> {
            ResourcePattern pattern = b.pattern();
            boolean matchesResource = pattern.resourceType() == type && (pattern.patternType() == PatternType.LITERAL
                    ? pattern.name().equals(name) : name.startsWith(pattern.name()));
            AclOperation granted = b.entry().operation();
            return matchesResource && (granted == operation || granted == AclOperation.ALL);
        });
    }
}
