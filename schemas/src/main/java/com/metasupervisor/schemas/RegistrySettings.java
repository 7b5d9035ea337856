package com.metasupervisor.schemas;

import java.net.URI;
import java.util.Objects;

/**
 * Where the schema registry is and how serdes use it.
 *
 * @param url          the Apicurio Registry base URL, e.g. {@code http://localhost:8080}
 *                     (the serde adds its API path)
 * @param autoRegister whether serializers register a schema the registry does not know yet;
 *                     the registry still refuses an incompatible one (global rule BACKWARD)
 */
public record RegistrySettings(String url, boolean autoRegister) {

    public RegistrySettings {
        Objects.requireNonNull(url, "registry url");
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("registry url is not a URI: '" + url + "'", e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("registry url must be http(s)://host[:port], was '" + url + "'");
        }
        url = stripSlash(url.strip());
    }

    public static RegistrySettings of(String url) {
        return new RegistrySettings(url, true);
    }

    /** The Apicurio v3 core API. */
    public String coreApi() {
        return url + "/apis/registry/v3";
    }

    /** The Confluent-compatible API that Confluent clients talk to. */
    public String confluentCompatApi() {
        return url + "/apis/ccompat/v7";
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
