package com.metasupervisor.streams.config;

import com.metasupervisor.schemas.RegistrySettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The {@code registry.*} keys every service shares, bound and checked like every settings record. The URL has no
 * default: a service that reads or writes Avro asks for {@link #settings()}, which requires it; a context that never
 * does (a test's HTTP client) starts without it.
 *
 * @param url          {@code registry.url}: Apicurio Registry base URL, e.g. {@code http://localhost:8080}
 * @param autoRegister {@code registry.auto-register}: serializers register schemas the registry does not know yet
 */
@ConfigurationProperties(RegistryConfiguration.KEY)
public record RegistryConfiguration(@Nullable String url, @Bindable(defaultValue = "true") boolean autoRegister) {

    public static final String KEY = "registry";

    public RegistryConfiguration {
        if (url != null && !url.isBlank()) {
            settings(url, autoRegister);
        }
    }

    /** The registry settings the serdes take; {@code registry.url} must be set. */
    public RegistrySettings settings() {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(KEY + ".url is not set (env REGISTRY_URL): the schema registry's base URL, e.g. http://localhost:8080");
        }
        return settings(url, autoRegister);
    }

    private static RegistrySettings settings(String url, boolean autoRegister) {
        try {
            return new RegistrySettings(url, autoRegister);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY + ".url: " + e.getMessage(), e);
        }
    }
}
