package com.metasupervisor.streams.micronaut;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Puts {@code meta-supervisor-defaults.yml} under every service's own configuration, so health,
 * Prometheus and the streams thread policy are the same everywhere without being copied.
 */
@ContextConfigurer
public final class ServiceDefaults implements ApplicationContextConfigurer {

    static final String RESOURCE = "meta-supervisor-defaults.yml";
    /**
     * Below {@code application.yml} ({@value AbstractPropertySourceLoader#DEFAULT_POSITION}), hence below environment
     * variables and system properties too: a source's default order (0) would override all of them.
     */
    static final int ORDER = AbstractPropertySourceLoader.DEFAULT_POSITION - 100;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of(RESOURCE, properties(), ORDER));
    }

    /** The defaults as Micronaut reads them ({@code meta-supervisor-defaults.yml}, flattened keys). */
    public static Map<String, Object> properties() {
        try (InputStream in = ServiceDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            return new YamlPropertySourceLoader().read(RESOURCE, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
