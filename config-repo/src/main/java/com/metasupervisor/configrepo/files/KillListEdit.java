package com.metasupervisor.configrepo.files;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Disables strategy classes in {@code meta_supervisor/kill_list.yaml} on the person's text: an existing
 * {@code status} or {@code reason} is replaced in place, a missing one is added after the class's existing keys, a
 * class the file does not name is added at its end; values are written by Jackson. Every other byte (comments, blank
 * lines, key order, quoting, limits) is kept.
 *
 * @param disabled strategy class → why it is disabled, in the order new classes are added
 */
public record KillListEdit(Map<String, String> disabled) {
    public KillListEdit {
        Objects.requireNonNull(disabled, "disabled");
        disabled.forEach((strategyClass, reason) -> {
            ManifestEntry.requireNonBlank(strategyClass, "strategy class");
            ManifestEntry.requireNonBlank(reason, "reason for disabling " + strategyClass);
        });
        disabled = Collections.unmodifiableMap(new LinkedHashMap<>(disabled));
    }

    /** The kill list {@code before} becomes once this edit is applied (what {@link #applyTo} must parse back to). */
    public KillList expected(KillList before) {
        Map<String, StrategyClassLimits> classes = new LinkedHashMap<>(before.classes());
        disabled.forEach((strategyClass, reason) -> {
            StrategyClassLimits limits = classes.get(strategyClass);
            classes.put(strategyClass, limits == null
                    ? new StrategyClassLimits(StrategyClassStatus.DISABLED, Optional.of(reason), OptionalDouble.empty(), OptionalDouble.empty(), Map.of())
                    : new StrategyClassLimits(StrategyClassStatus.DISABLED, Optional.of(reason), limits.maxDrawdownBps(), limits.minHitRate(),
                    limits.byRegime()));
        });
        return new KillList(classes);
    }

    /**
     * The person's {@code content} with these classes disabled.
     *
     * @throws ConfigFileException when {@code content} is not a valid kill list
     */
    public String applyTo(String content) {
        KillList expected = expected(KillList.parse(content));
        TextSplices splices = new TextSplices(content);
        Optional<SpannedYaml.Node> root = SpannedYaml.read(content);
        Map<String, String> absent = new LinkedHashMap<>();
        if (root.isPresent() && root.get() instanceof SpannedYaml.Mapping top) {
            disabled.forEach((strategyClass, reason) -> top.entry(strategyClass).ifPresentOrElse(
                    // KillList.parse accepted it: every class is a mapping
                    entry -> disable((SpannedYaml.Mapping) entry.value(), reason, content, splices),
                    () -> absent.put(strategyClass, reason)));
            if (!absent.isEmpty()) {
                if (top.flow()) {
                    List<String> entries = new ArrayList<>();
                    absent.forEach((strategyClass, reason) -> entries.add(YamlFragments.quotedScalar(strategyClass)
                            + ": {status: " + StrategyClassStatus.DISABLED.name() + ", reason: " + YamlFragments.quotedScalar(reason) + "}"));
                    insertIntoFlowMapping(top, entries, content, splices);
                } else {
                    splices.insertLinesAfter(top.contentEnd(), classLines(absent), top.entries().getFirst().keyColumn());
                }
            }
        } else {
            // an empty file, only comments, or a null document (~): the classes are the whole mapping
            root.ifPresent(nothing -> splices.replace(nothing.start(), nothing.contentEnd(), ""));
            splices.appendLines(classLines(disabled), 0);
        }
        String edited = splices.apply();
        KillList reread;
        try {
            reread = KillList.parse(edited);
        } catch (ConfigFileException e) {
            throw new IllegalStateException("the edited kill list does not parse", e);
        }
        // in file order: a class added where the person did not expect it would be a different file
        if (!List.copyOf(reread.classes().entrySet()).equals(List.copyOf(expected.classes().entrySet()))) {
            throw new IllegalStateException("the edited kill list does not read back as intended");
        }
        return edited;
    }

    private static void disable(SpannedYaml.Mapping limits, String reason, String content, TextSplices splices) {
        Map<String, String> missing = new LinkedHashMap<>();
        String disabledName = StrategyClassStatus.DISABLED.name();
        limits.entry("status").ifPresentOrElse(status -> {
            SpannedYaml.Scalar scalar = (SpannedYaml.Scalar) status.value();
            if (!disabledName.equals(scalar.text())) {
                String written = content.substring(scalar.start(), scalar.contentEnd());
                splices.replace(scalar.start(), scalar.contentEnd(), YamlFragments.inStyleOf(written, disabledName));
            }
        }, () -> missing.put("status", disabledName));
        limits.entry("reason").ifPresentOrElse(current -> {
            SpannedYaml.Scalar scalar = (SpannedYaml.Scalar) current.value();
            if (!reason.equals(scalar.text())) {
                splices.replace(scalar.start(), scalar.contentEnd(), limits.flow() ? YamlFragments.quotedScalar(reason) : YamlFragments.blockScalar(reason));
            }
        }, () -> missing.put("reason", reason));
        if (missing.isEmpty()) {
            return;
        }
        if (limits.flow()) {
            List<String> entries = new ArrayList<>();
            missing.forEach((key, value) -> entries.add(key + ": " + YamlFragments.quotedScalar(value)));
            insertIntoFlowMapping(limits, entries, content, splices);
        } else {
            splices.insertLinesAfter(limits.contentEnd(), YamlFragments.blockMappingLines(missing), limits.entries().getFirst().keyColumn());
        }
    }

    /** Adds {@code entries} before a flow mapping's closing brace, after its last entry. */
    private static void insertIntoFlowMapping(SpannedYaml.Mapping mapping, List<String> entries, String content, TextSplices splices) {
        int closing = mapping.contentEnd() - 1;
        if (content.charAt(closing) != '}') {
            throw new IllegalStateException("a flow mapping that does not end with '}'");
        }
        boolean needsComma = !mapping.entries().isEmpty()
                && !content.substring(mapping.entries().getLast().value().contentEnd(), closing).contains(",");
        splices.insert(closing, (needsComma ? ", " : "") + String.join(", ", entries));
    }

    /** New classes in block style: the class as a key, its status and reason indented under it. */
    private static List<String> classLines(Map<String, String> classes) {
        List<String> lines = new ArrayList<>();
        classes.forEach((strategyClass, reason) -> {
            lines.add(YamlFragments.blockScalar(strategyClass) + ":");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("status", StrategyClassStatus.DISABLED.name());
            fields.put("reason", reason);
            YamlFragments.blockMappingLines(fields).forEach(line -> lines.add("  " + line));
        });
        return lines;
    }
}
