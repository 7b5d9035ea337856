package com.metasupervisor.reporting.execute;

import com.metasupervisor.configrepo.files.SeedFiles;

import com.metasupervisor.reporting.domain.InertMarkdown;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.metasupervisor.configrepo.ProposedChange;
import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.KillListEdit;
import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.ManifestEdit;
import com.metasupervisor.configrepo.files.ManifestFile;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.reporting.domain.AllocationDocument;
import com.metasupervisor.reporting.domain.DecisionFacts;
import com.metasupervisor.reporting.domain.DecisionKind;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import com.metasupervisor.reporting.ledger.DecisionBatchRequest;
import com.metasupervisor.reporting.ledger.StrategyDisableRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The commit of a pull request (SPEC §7): from a planned request and the three files as read at the base head, a
 * {@link ProposedChange} writing exactly {@value #MANIFEST}, {@value #KILL_LIST} and {@value #WEIGHTS}.
 * <ul>
 *   <li>manifest: each decided agent's status (PROMOTE → LIVE, RETIRE → RETIRED, KILL → KILLED) edited in the person's
 *   text ({@link ManifestEdit}); an agent the manifest does not hold is left out of the edit and named in the body (its
 *   class is known but not its owner: inventing one would commit something nobody decided, and refusing would lose
 *   the batch's other decisions);</li>
 *   <li>kill list: every class the planner saw DISABLED (and a strategy-disable request's own class) set DISABLED with
 *   its reason ({@link KillListEdit}); a class already DISABLED in the file is left as the person wrote it. A missing
 *   file is started from SPEC §6's defaults, which is what governance applies when the file is missing;</li>
 *   <li>weights: the request's allocation with the killed and retired agents at 0 (their weight to cash), written over
 *   the base file's JSON so its top-level key order and the keys a person added stay; no allocation: the base file as
 *   it is.</li>
 * </ul>
 * Everything derives from the request and the base files, so a retry after a crash composes the same commit.
 */
public final class PullRequestChange {

    public static final String MANIFEST = ManifestFile.PATH;
    public static final String KILL_LIST = KillList.PATH;
    public static final String WEIGHTS = "allocation/weights.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code "key": value}, two-space indents, one element per line. */
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                    .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")))
            .with(SerializationFeature.INDENT_OUTPUT);

    /** The three files as read at the base head (empty: not there). */
    public record BaseFiles(Optional<String> manifest, Optional<String> killList, Optional<String> weights) {
        public BaseFiles {
            Objects.requireNonNull(manifest, "manifest");
            Objects.requireNonNull(killList, "killList");
            Objects.requireNonNull(weights, "weights");
        }
    }

    private PullRequestChange() {
    }

    /** The "Meta-Supervisor: Promotions / Retirements" commit of a debounce window's decisions. */
    public static ProposedChange of(DecisionBatchRequest request, BaseFiles base) {
        List<DecisionFacts> decisions = request.batch().decisions();
        Instant latest = decisions.stream().map(DecisionFacts::decidedAt).max(Comparator.naturalOrder()).orElseThrow();
        return compose(request.batch().branchName(), request.batch().title(), request.batch().body(), decisions,
                request.allocation(), request.disabledClasses(), Map.of(), latest, base);
    }

    /** The "[AUTO] Disable strategy: <class>" commit of a live DISABLE_CLASS decision. */
    public static ProposedChange of(StrategyDisableRequest request, BaseFiles base) {
        DecisionFacts decision = request.decision();
        String strategyClass = request.draft().strategyClass();
        Map<String, String> own = Map.of(strategyClass, reason(decision.reasons(), "disabled by governance at " + decision.decidedAt()));
        return compose(request.draft().branchName(), request.draft().title(), request.draft().body(), List.of(),
                request.allocation(), request.disabledClasses(), own, decision.decidedAt(), base);
    }

    private static ProposedChange compose(String branch, String title, String body, List<DecisionFacts> decisions,
                                          AllocationDocument allocation, List<DisabledClass> disabledClasses,
                                          Map<String, String> ownClasses, Instant decidedAt, BaseFiles base) {
        String manifestBefore = base.manifest().orElseGet(SeedFiles::manifest);
        ManifestFile manifest = ManifestFile.parse(MANIFEST, manifestBefore);
        Map<String, LifecycleStatus> statuses = new TreeMap<>();
        Set<String> notInManifest = new LinkedHashSet<>();
        for (DecisionFacts d : decisions) {
            if (manifest.agent(d.subject()).isPresent()) {
                statuses.put(d.subject(), statusOf(d.kind()));
            } else {
                notInManifest.add(d.subject());
            }
        }
        String manifestAfter = ManifestEdit.statusChanges(statuses).applyTo(manifestBefore);

        String killListBefore = base.killList().orElseGet(SeedFiles::killList);
        KillList killList = KillList.parse(KILL_LIST, killListBefore);
        Map<String, String> disable = new LinkedHashMap<>();
        disabledClasses.stream().sorted(Comparator.comparing(DisabledClass::strategyClass)).forEach(c -> disable.putIfAbsent(
                c.strategyClass(), reason(c.reason() == null ? List.of() : List.of(c.reason()),
                        "disabled by " + (c.source() == null ? "governance" : c.source()) + " since " + c.since())));
        ownClasses.forEach(disable::putIfAbsent);
        disable.keySet().removeIf(c -> killList.strategyClass(c).map(l -> l.status() == StrategyClassStatus.DISABLED).orElse(false));
        String killListAfter = new KillListEdit(disable).applyTo(killListBefore);

        Set<String> leaving = new LinkedHashSet<>();
        decisions.stream().filter(d -> d.kind() == DecisionKind.KILL || d.kind() == DecisionKind.RETIRE)
                .forEach(d -> leaving.add(d.subject()));
        String weightsAfter = weights(allocation == null ? null : allocation.without(leaving), base.weights(), decidedAt);

        Map<String, String> files = new LinkedHashMap<>();
        files.put(MANIFEST, manifestAfter);
        files.put(KILL_LIST, killListAfter);
        files.put(WEIGHTS, weightsAfter);
        return new ProposedChange(branch, title, body + notInManifestNote(notInManifest), files);
    }

    static LifecycleStatus statusOf(DecisionKind kind) {
        return switch (kind) {
            case PROMOTE -> LifecycleStatus.LIVE;
            case RETIRE -> LifecycleStatus.RETIRED;
            case KILL -> LifecycleStatus.KILLED;
            default -> throw new IllegalArgumentException("a " + kind + " decision changes no agent's status");
        };
    }

    private static String reason(List<String> reasons, String otherwise) {
        String joined = String.join("; ", reasons.stream().map(String::strip).filter(r -> !r.isEmpty()).toList());
        return joined.isEmpty() ? otherwise : joined;
    }

    private static String notInManifestNote(Set<String> agents) {
        if (agents.isEmpty()) {
            return "";
        }
        StringBuilder note = new StringBuilder("\n### Not in agents/manifest.yaml\nTheir status is not changed by this pull "
                + "request (the manifest has no entry, so no owner, for them): a person adds them if they are to stay.\n");
        agents.forEach(agent -> note.append("- ").append(InertMarkdown.inline(agent, 300)).append('\n'));
        return note.toString();
    }

    /**
     * {@code allocation/weights.json}: {@code allocation} written over the base file's JSON object (its top-level key
     * order and unknown keys kept; agents in the base file's order, new ones after, sorted), pretty printed with a
     * final line break; null allocation: the base file unchanged, or an all-cash document when there is none.
     */
    static String weights(AllocationDocument allocation, Optional<String> baseText, Instant decidedAt) {
        if (allocation == null && baseText.isPresent()) {
            return baseText.get();
        }
        ObjectNode document = baseText.map(PullRequestChange::parseObject).orElseGet(JSON::createObjectNode);
        if (allocation == null) {
            document.set("allocations", JSON.createObjectNode());
            document.put("cash", 1.0);
            document.put("source", "none: no allocation published yet");
            document.put("timestamp", decidedAt.toString());
        } else {
            ObjectNode agents = JSON.createObjectNode();
            JsonNode before = document.path("allocations");
            List<String> order = new ArrayList<>();
            before.fieldNames().forEachRemaining(order::add);
            order.stream().filter(allocation.allocations()::containsKey)
                    .forEach(agent -> agents.put(agent, allocation.allocations().get(agent)));
            allocation.allocations().forEach((agent, weight) -> {
                if (!agents.has(agent)) {
                    agents.put(agent, weight);
                }
            });
            document.set("allocations", agents);
            document.put("cash", allocation.cash());
            document.put("source", allocation.source());
            document.put("timestamp", allocation.timestamp());
            document.put("min_allocation", allocation.minAllocation());
            document.put("max_allocation", allocation.maxAllocation());
        }
        try {
            return PRETTY.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + WEIGHTS, e);
        }
    }

    private static ObjectNode parseObject(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(WEIGHTS + " at the base head is not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(WEIGHTS + " at the base head is not a JSON object");
        }
        if (object.has("allocations") && !object.get("allocations").isObject()) {
            throw new IllegalArgumentException(WEIGHTS + " at the base head: 'allocations' is not an object");
        }
        return object;
    }
}
