package com.metasupervisor.configrepo.files;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A change to {@code agents/manifest.yaml} made on the person's text, not by rewriting the file: a changed status is
 * replaced in place (block or flow style, the person's quoting kept), a new agent is appended to the {@code agents}
 * list in the file's indentation with its values written by Jackson. Every other byte (comments, blank lines, key
 * order, quoting) is kept.
 *
 * @param statusChanges agent → its new status; each agent must be in the file
 * @param newAgents     agents to append, in this order; none may be in the file already
 */
public record ManifestEdit(Map<String, LifecycleStatus> statusChanges, List<ManifestEntry> newAgents) {
    public ManifestEdit {
        statusChanges = Map.copyOf(Objects.requireNonNull(statusChanges, "statusChanges"));
        newAgents = List.copyOf(Objects.requireNonNull(newAgents, "newAgents"));
        Set<String> names = new HashSet<>();
        for (ManifestEntry agent : newAgents) {
            if (!names.add(agent.agent())) {
                throw new IllegalArgumentException("agent '" + agent.agent() + "' is added twice");
            }
        }
    }

    public static ManifestEdit statusChanges(Map<String, LifecycleStatus> statusChanges) {
        return new ManifestEdit(statusChanges, List.of());
    }

    /** The manifest {@code before} becomes once this edit is applied (what {@link #applyTo} must parse back to). */
    public ManifestFile expected(ManifestFile before) {
        List<String> missing = statusChanges.keySet().stream().filter(name -> before.agent(name).isEmpty()).sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("not in " + ManifestFile.PATH + ", so their status cannot change: "
                    + String.join(", ", missing.stream().map(name -> "'" + name + "'").toList()));
        }
        List<String> present = newAgents.stream().map(ManifestEntry::agent).filter(name -> before.agent(name).isPresent()).toList();
        if (!present.isEmpty()) {
            throw new IllegalArgumentException("already in " + ManifestFile.PATH + ", so not added again: "
                    + String.join(", ", present.stream().map(name -> "'" + name + "'").toList()));
        }
        List<ManifestEntry> agents = new ArrayList<>();
        for (ManifestEntry entry : before.agents()) {
            LifecycleStatus status = statusChanges.getOrDefault(entry.agent(), entry.status());
            agents.add(new ManifestEntry(entry.agent(), entry.strategyClass(), status, entry.owner()));
        }
        agents.addAll(newAgents);
        return new ManifestFile(agents);
    }

    /**
     * The person's {@code content} with this edit made.
     *
     * @throws ConfigFileException      when {@code content} is not a valid manifest
     * @throws IllegalArgumentException naming the agents to change that the file does not hold, or to add that it does
     */
    public String applyTo(String content) {
        ManifestFile expected = expected(ManifestFile.parse(content));
        TextSplices splices = new TextSplices(content);
        // ManifestFile.parse accepted it: a mapping whose 'agents' is a list of complete agents, or empty
        SpannedYaml.Mapping root = (SpannedYaml.Mapping) SpannedYaml.read(content).orElseThrow();
        SpannedYaml.Entry agentsEntry = root.entry("agents").orElseThrow();
        if (agentsEntry.value() instanceof SpannedYaml.Sequence sequence) {
            for (SpannedYaml.Node item : sequence.items()) {
                changeStatus((SpannedYaml.Mapping) item, content, splices);
            }
            if (!newAgents.isEmpty()) {
                if (sequence.flow()) {
                    appendToFlowList(sequence, content, splices);
                } else {
                    splices.insertLinesAfter(sequence.contentEnd(), blockItems(), sequence.column());
                }
            }
        } else if (!newAgents.isEmpty()) {
            // "agents:" with nothing (or ~, or "") under it: the list starts on the next line, indented under the key
            SpannedYaml.Scalar empty = (SpannedYaml.Scalar) agentsEntry.value();
            String written = content.substring(empty.start(), empty.contentEnd());
            if (!written.isBlank() && !written.contains("\n")) {
                splices.replace(empty.start(), empty.contentEnd(), "");
            }
            splices.insertLinesAfter(agentsEntry.keyStart(), blockItems(), agentsEntry.keyColumn() + 2);
        }
        String edited = splices.apply();
        ManifestFile reread;
        try {
            reread = ManifestFile.parse(edited);
        } catch (ConfigFileException e) {
            throw new IllegalStateException("the edited manifest does not parse", e);
        }
        if (!reread.equals(expected)) {
            // never hand a reviewer a file that says something other than the decisions
            throw new IllegalStateException("the edited manifest does not read back as intended");
        }
        return edited;
    }

    private void changeStatus(SpannedYaml.Mapping agent, String content, TextSplices splices) {
        String name = ((SpannedYaml.Scalar) agent.entry("agent").orElseThrow().value()).text();
        LifecycleStatus status = statusChanges.get(name);
        SpannedYaml.Scalar current = (SpannedYaml.Scalar) agent.entry("status").orElseThrow().value();
        if (status != null && !status.name().equals(current.text())) {
            String written = content.substring(current.start(), current.contentEnd());
            splices.replace(current.start(), current.contentEnd(), YamlFragments.inStyleOf(written, status.name()));
        }
    }

    private void appendToFlowList(SpannedYaml.Sequence sequence, String content, TextSplices splices) {
        int closing = sequence.contentEnd() - 1;
        if (content.charAt(closing) != ']') {
            throw new IllegalStateException("a flow list that does not end with ']'");
        }
        StringBuilder added = new StringBuilder();
        boolean needsComma = !sequence.items().isEmpty() && !content.substring(sequence.items().getLast().contentEnd(), closing).contains(",");
        for (ManifestEntry agent : newAgents) {
            added.append(needsComma ? ", " : "").append("{agent: ").append(YamlFragments.quotedScalar(agent.agent()))
                    .append(", strategy_class: ").append(YamlFragments.quotedScalar(agent.strategyClass()))
                    .append(", status: ").append(agent.status().name())
                    .append(", owner: ").append(YamlFragments.quotedScalar(agent.owner())).append('}');
            needsComma = true;
        }
        splices.insert(closing, added.toString());
    }

    /** The new agents as block list items ("- agent: ..." then the other keys under it), not yet indented. */
    private List<String> blockItems() {
        List<String> lines = new ArrayList<>();
        for (ManifestEntry agent : newAgents) {
            List<String> fields = YamlFragments.blockMappingLines(fields(agent));
            for (int i = 0; i < fields.size(); i++) {
                lines.add((i == 0 ? "- " : "  ") + fields.get(i));
            }
        }
        return lines;
    }

    private static Map<String, String> fields(ManifestEntry agent) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("agent", agent.agent());
        fields.put("strategy_class", agent.strategyClass());
        fields.put("status", agent.status().name());
        fields.put("owner", agent.owner());
        return fields;
    }
}
