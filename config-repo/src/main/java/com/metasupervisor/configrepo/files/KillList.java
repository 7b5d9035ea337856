package com.metasupervisor.configrepo.files;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code meta_supervisor/kill_list.yaml}: strategy class → its status and limits (SPEC §6), in file order.
 *
 * <pre>
 * arb:
 *   status: ACTIVE
 *   max_drawdown_bps: -250
 *   min_hit_rate: 0.42
 *   by_regime:
 *     TREND: {max_cvar_error_bps: 140}
 * </pre>
 * {@code status} defaults to ACTIVE; every other key is optional.
 */
public record KillList(Map<String, StrategyClassLimits> classes) {
    /** Where the file lives in the config repository. */
    public static final String PATH = "meta_supervisor/kill_list.yaml";

    private static final Set<String> CLASS_KEYS =
            new LinkedHashSet<>(List.of("status", "reason", "max_drawdown_bps", "min_hit_rate", "by_regime"));
    private static final Set<String> REGIME_KEYS = Set.of("max_cvar_error_bps");

    public KillList {
        Objects.requireNonNull(classes, "classes");
        classes.forEach((strategyClass, limits) -> {
            ManifestEntry.requireNonBlank(strategyClass, "strategy class");
            Objects.requireNonNull(limits, "limits of " + strategyClass);
        });
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    public Optional<StrategyClassLimits> strategyClass(String name) {
        return Optional.ofNullable(classes.get(name));
    }

    /** SPEC §6's defaults (from the user): what a new config repository's kill list holds. */
    public static KillList specDefaults() {
        Map<String, StrategyClassLimits> classes = new LinkedHashMap<>();
        classes.put("macro", new StrategyClassLimits(StrategyClassStatus.ACTIVE, Optional.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), regimes(120, 90)));
        classes.put("arb", new StrategyClassLimits(StrategyClassStatus.ACTIVE, Optional.empty(), OptionalDouble.of(-250),
                OptionalDouble.of(0.42), regimes(140, 110)));
        classes.put("funding", new StrategyClassLimits(StrategyClassStatus.ACTIVE, Optional.empty(), OptionalDouble.of(-200),
                OptionalDouble.empty(), Map.of()));
        classes.put("sentiment", new StrategyClassLimits(StrategyClassStatus.DISABLED, Optional.of("structural alpha decay"),
                OptionalDouble.empty(), OptionalDouble.empty(), Map.of()));
        return new KillList(classes);
    }

    private static Map<String, RegimeLimit> regimes(double trend, double range) {
        Map<String, RegimeLimit> regimes = new LinkedHashMap<>();
        regimes.put("TREND", new RegimeLimit(trend));
        regimes.put("RANGE", new RegimeLimit(range));
        return regimes;
    }

    /** Parses the file's text; every problem is named with {@link #PATH}, line and key. */
    public static KillList parse(String content) {
        return parse(PATH, content);
    }

    /**
     * Parses {@code content}; problems name {@code file}. An empty file is an empty kill list.
     *
     * @throws ConfigFileException with every problem found
     */
    public static KillList parse(String file, String content) {
        Objects.requireNonNull(content, "content");
        FileProblems problems = new FileProblems(file);
        Optional<YamlNode> root = LocatedYamlReader.read(content, problems);
        problems.throwIfAny();
        if (root.isEmpty() || root.get() instanceof YamlNode.Scalar scalar && scalar.text() == null) {
            return new KillList(Map.of());
        }
        if (!(root.get() instanceof YamlNode.Mapping mapping)) {
            problems.add(root.get().line(), "", "expected a mapping of strategy class → limits, found " + root.get().kind());
            problems.throwIfAny();
            throw new IllegalStateException("unreachable");
        }
        MappingFields top = MappingFields.of(mapping, "", null, problems);
        Map<String, StrategyClassLimits> classes = new LinkedHashMap<>();
        top.entries().forEach((strategyClass, entry) -> {
            if (strategyClass.isBlank()) {
                problems.add(entry.line(), "''", "a strategy class name must not be blank");
                return;
            }
            limits(entry, strategyClass, problems).ifPresent(limits -> classes.put(strategyClass, limits));
        });
        problems.throwIfAny();
        return new KillList(classes);
    }

    private static Optional<StrategyClassLimits> limits(YamlNode.Entry classEntry, String path, FileProblems problems) {
        YamlNode node = classEntry.value();
        if (!(node instanceof YamlNode.Mapping mapping)) {
            problems.add(node.line(), path, "expected a mapping (" + String.join(", ", CLASS_KEYS) + "), found " + node.kind());
            return Optional.empty();
        }
        int before = problems.count();
        MappingFields fields = MappingFields.of(mapping, path, CLASS_KEYS, problems, classEntry.line());
        StrategyClassStatus status = fields.constant("status", false, StrategyClassStatus.class, "status")
                .orElse(StrategyClassStatus.ACTIVE);
        Optional<String> reason = fields.string("reason", false);
        OptionalDouble maxDrawdown = fields.number("max_drawdown_bps", false);
        if (maxDrawdown.isPresent() && maxDrawdown.getAsDouble() > 0) {
            fields.problem("max_drawdown_bps", "a drawdown limit is <= 0 bps (e.g. -250), found " + maxDrawdown.getAsDouble());
        }
        OptionalDouble minHitRate = fields.number("min_hit_rate", false);
        if (minHitRate.isPresent() && !(minHitRate.getAsDouble() >= 0 && minHitRate.getAsDouble() <= 1)) {
            fields.problem("min_hit_rate", "a hit rate is in [0, 1], found " + minHitRate.getAsDouble());
        }
        Map<String, RegimeLimit> byRegime = new LinkedHashMap<>();
        fields.node("by_regime", false).ifPresent(regimesNode -> {
            String regimesPath = MappingFields.child(path, "by_regime");
            if (!(regimesNode instanceof YamlNode.Mapping regimes)) {
                problems.add(regimesNode.line(), regimesPath, "expected a mapping of regime → {max_cvar_error_bps}, found " + regimesNode.kind());
                return;
            }
            MappingFields.of(regimes, regimesPath, null, problems).entries().forEach((regime, entry) -> {
                String regimePath = MappingFields.child(regimesPath, regime);
                if (!(entry.value() instanceof YamlNode.Mapping limit)) {
                    problems.add(entry.value().line(), regimePath, "expected a mapping {max_cvar_error_bps: <bps>}, found " + entry.value().kind());
                    return;
                }
                MappingFields limitFields = MappingFields.of(limit, regimePath, REGIME_KEYS, problems, entry.line());
                OptionalDouble max = limitFields.number("max_cvar_error_bps", true);
                if (max.isPresent()) {
                    if (max.getAsDouble() <= 0) {
                        limitFields.problem("max_cvar_error_bps", "a CVaR limit is > 0 bps, found " + max.getAsDouble());
                    } else {
                        byRegime.put(regime, new RegimeLimit(max.getAsDouble()));
                    }
                }
            });
        });
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new StrategyClassLimits(status, reason, maxDrawdown, minHitRate, byRegime));
    }
}
