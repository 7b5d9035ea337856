package com.metasupervisor.streams.config;

import com.metasupervisor.streams.check.ArgChecker;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * A settings record of every kind of component the services use, for the kit's tests.
 *
 * @param maxRows  at least 1
 * @param maxAge   positive
 * @param tail     in (0, 1)
 * @param horizons distinct positive
 * @param enabled  a switch
 * @param window   a nested settings record
 */
@ConfigurationProperties("sample")
public record SampleSettings(
        @Bindable(defaultValue = "2000") int maxRows,
        @Bindable(defaultValue = "P30D") Duration maxAge,
        @Bindable(defaultValue = "0.05") double tail,
        @Bindable(defaultValue = "1,4,24") List<Integer> horizons,
        @Bindable(defaultValue = "true") boolean enabled,
        SampleWindowSettings window) {

    public SampleSettings {
        ArgChecker.positive(maxRows, "sample.max-rows");
        ArgChecker.positive(maxAge, "sample.max-age");
        ArgChecker.fraction(tail, "sample.tail");
        horizons = List.copyOf(ArgChecker.notEmpty(horizons, "sample.horizons"));
        ArgChecker.notNull(window, "sample.window");
    }
}
