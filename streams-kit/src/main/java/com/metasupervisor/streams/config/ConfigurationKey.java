package com.metasupervisor.streams.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.micronaut.ServiceDefaults;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration key as a module README documents it.
 *
 * @param name         e.g. {@code risk.cvar.tail}
 * @param env          the environment variable that sets it, e.g. {@code RISK_CVAR_TAIL}
 * @param defaultValue its default as written in the configuration, {@code ""} when it has none
 */
public record ConfigurationKey(String name, String env, String defaultValue) {

    /** Written by Micronaut's annotation processor for the {@code @ConfigurationProperties} types of a module. */
    static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::(.*))?}");

    public ConfigurationKey {
        ArgChecker.notBlank(name, "name");
        ArgChecker.notBlank(env, "env");
        ArgChecker.notNull(defaultValue, "defaultValue");
    }

    /** Micronaut's environment-variable form of a key: {@code RISK_CVAR_MAX_ROWS} sets {@code risk.cvar.max-rows}. */
    public static String envOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The keys of the settings records compiled into the module (classes directory or jar) of each of {@code anchors},
     * with the types' defaults, from Micronaut's compile-time configuration metadata.
     */
    public static List<ConfigurationKey> declaredBeside(Class<?>... anchors) {
        List<ConfigurationKey> kitMapped = kitMapped();
        List<ConfigurationKey> keys = new ArrayList<>();
        for (Class<?> anchor : anchors) {
            JsonNode metadata = metadataOf(anchor);
            for (JsonNode property : metadata.get("properties").values()) {
                String name = property.get("name").getStringValue();
                JsonNode defaultValue = property.get("defaultValue");
                ConfigurationKey declared = new ConfigurationKey(name, envOf(name), defaultValue == null ? "" : defaultValue.coerceStringValue());
                keys.add(kitMapped.stream().filter(k -> k.name().equals(name)).findFirst().orElse(declared));
            }
        }
        return keys;
    }

    /**
     * The keys the kit's defaults ({@code meta-supervisor-defaults.yml}, under every service) map to an env variable of
     * their own, e.g. the token secret's {@code MS_TOKEN_SECRET_FILE}: their env is that one, wherever they are listed.
     */
    static List<ConfigurationKey> kitMapped() {
        return mapped(ServiceDefaults.properties());
    }

    /**
     * The keys an {@code application.yml} maps to an environment variable, {@code key: ${ENV:default}}; other
     * values (the application's name) are not settings a user sets.
     */
    public static List<ConfigurationKey> mappedIn(Path applicationYml) {
        Map<String, Object> flat;
        try (InputStream in = Files.newInputStream(applicationYml)) {
            flat = new YamlPropertySourceLoader().read(applicationYml.getFileName().toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mapped(flat);
    }

    private static List<ConfigurationKey> mapped(Map<String, Object> flat) {
        List<ConfigurationKey> keys = new ArrayList<>();
        flat.forEach((key, value) -> {
            Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(value));
            if (placeholder.matches()) {
                keys.add(new ConfigurationKey(key, placeholder.group(1), placeholder.group(2) == null ? "" : placeholder.group(2)));
            }
        });
        return keys;
    }

    private static JsonNode metadataOf(Class<?> anchor) {
        String module = anchor.getProtectionDomain().getCodeSource().getLocation().toExternalForm();
        try {
            for (URL url : Collections.list(anchor.getClassLoader().getResources(METADATA))) {
                // file:/…/target/classes/META-INF/… or jar:file:/…/x.jar!/META-INF/…
                String form = url.toExternalForm();
                if (form.startsWith(module) || form.startsWith("jar:" + module + "!")) {
                    try (InputStream in = url.openStream()) {
                        return JsonMapper.createDefault().readValue(in, JsonNode.class);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + METADATA + " beside " + anchor.getName() + " (" + module
                + "): its module declares no @ConfigurationProperties, or was not compiled with Micronaut's processor");
    }
}
