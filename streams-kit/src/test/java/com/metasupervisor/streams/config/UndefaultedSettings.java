package com.metasupervisor.streams.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * A settings record with a component that has no default: {@link SettingsDefaults} must refuse it. Never a bean
 * (it would stop every context of the kit's tests).
 */
@ConfigurationProperties("undefaulted")
@Requires(property = "test.undefaulted.enabled")
public record UndefaultedSettings(@Bindable(defaultValue = "1") int rows, String name) {
}
