package com.metasupervisor.streams.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module README's configuration table, checked against the configuration it documents: a Markdown table whose
 * header starts {@code | key | env | default |}, one key a row, each cell's value in backticks (a default cell
 * without backticks means "no default"; further columns are free text).
 *
 * <pre>
 * | key | env | default | meaning |
 * |---|---|---|---|
 * | `risk.cvar.tail` | `RISK_CVAR_TAIL` | `0.05` | share of the worst errors averaged |
 * </pre>
 */
public final class ConfigurationTable {

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    private ConfigurationTable() {
    }

    /**
     * Every difference between the README's table and a service's configuration: the keys of its settings records
     * ({@code declared}, e.g. {@link ConfigurationKey#declaredBeside}) and those its {@code application.yml} maps to
     * an environment variable. Empty when every key is listed once with its env and default, no other key is, and
     * application.yml restates no default of a settings record.
     */
    public static List<String> check(Path readme, Path applicationYml, List<ConfigurationKey> declared) {
        List<ConfigurationKey> mapped = ConfigurationKey.mappedIn(applicationYml);
        List<String> problems = new ArrayList<>();
        for (ConfigurationKey key : mapped) {
            if (declared.stream().anyMatch(d -> d.name().equals(key.name()))) {
                problems.add(applicationYml.getFileName() + " sets " + key.name() + ", whose default belongs to its settings record only"
                        + " (Micronaut maps " + ConfigurationKey.envOf(key.name()) + " by itself)");
            }
        }
        List<ConfigurationKey> all = new ArrayList<>(declared);
        mapped.stream().filter(m -> declared.stream().noneMatch(d -> d.name().equals(m.name()))).forEach(all::add);
        problems.addAll(differences(readme, all));
        return problems;
    }

    /** Every difference between the README's table and {@code keys}. */
    public static List<String> differences(Path readme, Collection<ConfigurationKey> keys) {
        String file = readme.getFileName().toString();
        Map<String, ConfigurationKey> rows;
        List<String> problems = new ArrayList<>();
        try {
            rows = rows(Files.readAllLines(readme), file, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            return List.of(file + " has no configuration table (a header | key | env | default |)");
        }
        for (ConfigurationKey key : keys) {
            ConfigurationKey row = rows.get(key.name());
            if (row == null) {
                problems.add(file + " lacks " + key.name() + " (env " + key.env() + ", default '" + key.defaultValue() + "')");
                continue;
            }
            if (!row.env().equals(key.env())) {
                problems.add(file + " gives " + key.name() + " the env " + row.env() + ", the configuration " + key.env());
            }
            if (!row.defaultValue().equals(key.defaultValue())) {
                problems.add(file + " gives " + key.name() + " the default '" + row.defaultValue() + "', the configuration '"
                        + key.defaultValue() + "'");
            }
        }
        for (String name : rows.keySet()) {
            if (keys.stream().noneMatch(k -> k.name().equals(name))) {
                problems.add(file + " lists " + name + ", which is no key of this module's configuration");
            }
        }
        return problems;
    }

    private static Map<String, ConfigurationKey> rows(List<String> lines, String file, List<String> problems) {
        Map<String, ConfigurationKey> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(trimmed);
            if (!inTable) {
                inTable = cells.size() >= 3 && cells.get(0).equalsIgnoreCase("key") && cells.get(1).equalsIgnoreCase("env")
                        && cells.get(2).equalsIgnoreCase("default");
                continue;
            }
            if (cells.get(0).matches("-+")) {
                continue; // the header's separator row
            }
            String name = code(cells.get(0));
            String env = cells.size() > 1 ? code(cells.get(1)) : null;
            if (name == null || env == null || cells.size() < 3) {
                problems.add(file + ": a configuration row needs `key` | `ENV` | default, was " + trimmed);
                continue;
            }
            String defaultValue = code(cells.get(2));
            if (rows.put(name, new ConfigurationKey(name, env, defaultValue == null ? "" : defaultValue)) != null) {
                problems.add(file + " lists " + name + " twice");
            }
        }
        return rows;
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        return Arrays.stream(CELL_SEPARATOR.split(inner, -1)).map(String::strip).toList();
    }

    /** The text of the cell's first code span, or null without one. */
    private static String code(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.find() ? m.group(1) : null;
    }
}
