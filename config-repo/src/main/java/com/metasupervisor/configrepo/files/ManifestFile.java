package com.metasupervisor.configrepo.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code agents/manifest.yaml}: the fleet's agents in file order, each named once.
 *
 * <pre>
 * agents:
 *   - agent: arb_binance_1
 *     strategy_class: arb
 *     status: LIVE
 *     owner: desk-a
 * </pre>
 */
public record ManifestFile(List<ManifestEntry> agents) {
    /** Where the file lives in the config repository. */
    public static final String PATH = "agents/manifest.yaml";

    private static final Set<String> TOP_KEYS = new LinkedHashSet<>(List.of("agents"));
    private static final Set<String> AGENT_KEYS = new LinkedHashSet<>(List.of("agent", "strategy_class", "status", "owner"));

    public ManifestFile {
        agents = List.copyOf(Objects.requireNonNull(agents, "agents"));
        Set<String> seen = new HashSet<>();
        for (ManifestEntry entry : agents) {
            if (!seen.add(entry.agent())) {
                throw new IllegalArgumentException("duplicate agent '" + entry.agent() + "'");
            }
        }
    }

    public Optional<ManifestEntry> agent(String name) {
        return agents.stream().filter(entry -> entry.agent().equals(name)).findFirst();
    }

    /** Parses the file's text; every problem is named with {@link #PATH}, line and key. */
    public static ManifestFile parse(String content) {
        return parse(PATH, content);
    }

    /**
     * Parses {@code content}; problems name {@code file}.
     *
     * @throws ConfigFileException with every problem found
     */
    public static ManifestFile parse(String file, String content) {
        Objects.requireNonNull(content, "content");
        FileProblems problems = new FileProblems(file);
        Optional<YamlNode> root = LocatedYamlReader.read(content, problems);
        if (root.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(1, "agents", "missing required key (the file is empty)");
            }
            problems.throwIfAny();
        }
        if (!(root.get() instanceof YamlNode.Mapping mapping)) {
            problems.add(root.get().line(), "", "expected a mapping with the key 'agents', found " + root.get().kind());
            problems.throwIfAny();
            throw new IllegalStateException("unreachable");
        }
        MappingFields top = MappingFields.of(mapping, "", TOP_KEYS, problems);
        List<ManifestEntry> entries = new ArrayList<>();
        Optional<YamlNode> agentsNode = top.node("agents", true);
        if (agentsNode.isPresent()) {
            if (agentsNode.get() instanceof YamlNode.Sequence sequence) {
                Map<String, Integer> firstLine = new HashMap<>();
                for (int i = 0; i < sequence.items().size(); i++) {
                    entry(sequence.items().get(i), "agents[" + i + "]", problems, firstLine).ifPresent(entries::add);
                }
            } else if (!(agentsNode.get() instanceof YamlNode.Scalar scalar && (scalar.text() == null || scalar.text().isEmpty()))) {
                // "agents:" with nothing under it (a null or, to Jackson, an empty string) is an empty fleet
                problems.add(agentsNode.get().line(), "agents", "expected a list of agents, found " + agentsNode.get().kind());
            }
        }
        problems.throwIfAny();
        return new ManifestFile(entries);
    }

    private static Optional<ManifestEntry> entry(YamlNode node, String path, FileProblems problems, Map<String, Integer> firstLine) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            problems.add(node.line(), path, "expected a mapping (agent, strategy_class, status, owner), found " + node.kind());
            return Optional.empty();
        }
        MappingFields fields = MappingFields.of(mapping, path, AGENT_KEYS, problems);
        Optional<String> agent = fields.string("agent", true);
        Optional<String> strategyClass = fields.string("strategy_class", true);
        Optional<LifecycleStatus> status = fields.constant("status", true, LifecycleStatus.class, "status");
        Optional<String> owner = fields.string("owner", true);
        if (agent.isPresent()) {
            Integer first = firstLine.putIfAbsent(agent.get(), fields.entries().get("agent").value().line());
            if (first != null) {
                fields.problem("agent", "duplicate agent '" + agent.get() + "' (first at line " + first + ")");
                return Optional.empty();
            }
        }
        if (agent.isEmpty() || strategyClass.isEmpty() || status.isEmpty() || owner.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ManifestEntry(agent.get(), strategyClass.get(), status.get(), owner.get()));
    }
}
