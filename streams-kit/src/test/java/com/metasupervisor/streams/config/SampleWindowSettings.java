package com.metasupervisor.streams.config;

import com.metasupervisor.streams.check.ArgChecker;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The nested part of {@link SampleSettings}.
 *
 * @param shortWindow at most long-window
 * @param longWindow  whole days
 */
@ConfigurationProperties("sample.window")
public record SampleWindowSettings(
        @Bindable(defaultValue = "P7D") Duration shortWindow,
        @Bindable(defaultValue = "P30D") Duration longWindow) {

    public SampleWindowSettings {
        ArgChecker.positive(shortWindow, "sample.window.short-window");
        ArgChecker.wholeDays(longWindow, "sample.window.long-window");
        ArgChecker.isTrue(shortWindow.compareTo(longWindow) <= 0, "sample.window.short-window (" + shortWindow
                + ") must be <= sample.window.long-window (" + longWindow + ")");
    }
}
