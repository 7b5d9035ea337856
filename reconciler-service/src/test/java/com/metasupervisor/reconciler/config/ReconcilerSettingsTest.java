package com.metasupervisor.reconciler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.reconciler.api.AlphaEventApiSettings;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReconcilerSettingsTest {

    private static final Duration H = Duration.ofHours(1);
    private static final Duration H2 = Duration.ofHours(2);
    private static final Duration H6 = Duration.ofHours(6);

    @Test
    void defaultsAreTheNumbersOfSpecSection3() {
        ReconcilerSettings s = ReconcilerSettings.defaults();

        assertThat(s.modelHorizonsHours()).containsExactly(1, 4, 24);
        assertThat(s.grace()).isEqualTo(Duration.ofHours(2));
        assertThat(s.tickLateness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.priceHistory()).isEqualTo(Duration.ofDays(7));
        assertThat(s.dedupWindow()).isEqualTo(Duration.ofDays(2));
        assertThat(s.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.feedGap()).isEqualTo(Duration.ofHours(1));
        assertThat(s.model()).isEqualTo(SimModelSettings.defaults());
        assertThat(s.model().lambda()).isEqualTo(5);
        assertThat(s.model().minRows()).isEqualTo(250);
        assertThat(s.model().maxRows()).isEqualTo(12_000);
        assertThat(s.model().holdoutFraction()).isEqualTo(0.2);
        assertThat(s.model().trainInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(AlphaEventApiSettings.defaults()).isEqualTo(new AlphaEventApiSettings(10_000, Duration.ofSeconds(30)));
    }

    static Stream<Arguments> invalid() {
        SimModelSettings m = SimModelSettings.defaults();
        List<Integer> hours = List.of(1, 4, 24);
        return Stream.of(
                bad("reconciler.model-horizons-hours", () -> new ReconcilerSettings(null, H2, H, H6, H, H, H, m)),
                bad("reconciler.model-horizons-hours", () -> new ReconcilerSettings(List.of(), H2, H, H6, H, H, H, m)),
                bad("reconciler.model-horizons-hours", () -> new ReconcilerSettings(List.of(1, 0), H2, H, H6, H, H, H, m)),
                bad("reconciler.model-horizons-hours", () -> new ReconcilerSettings(List.of(4, 4), H2, H, H6, H, H, H, m)),
                bad("reconciler.grace", () -> new ReconcilerSettings(hours, Duration.ZERO, H, H6, H, H, H, m)),
                bad("reconciler.tick-lateness", () -> new ReconcilerSettings(hours, H2, H.negated(), H6, H, H, H, m)),
                bad("reconciler.price-history", () -> new ReconcilerSettings(hours, H2, H, H2, H, H, H, m)),
                bad("reconciler.dedup-window", () -> new ReconcilerSettings(hours, H2, H, H6, Duration.ZERO, H, H, m)),
                bad("reconciler.max-future-skew", () -> new ReconcilerSettings(hours, H2, H, H6, H, H.negated(), H, m)),
                bad("reconciler.feed-gap", () -> new ReconcilerSettings(hours, H2, H, H6, H, H, Duration.ZERO, m)),
                bad("reconciler.feed-gap", () -> new ReconcilerSettings(hours, H2, H, H6, H, H, null, m)),
                bad("reconciler.model", () -> new ReconcilerSettings(hours, H2, H, H6, H, H, H, null)),
                bad("reconciler.model.lambda", () -> new SimModelSettings(-1, 250, 12_000, 0.2, Duration.ofDays(1))),
                bad("reconciler.model.lambda", () -> new SimModelSettings(Double.NaN, 250, 12_000, 0.2, Duration.ofDays(1))),
                bad("reconciler.model.holdout-fraction", () -> new SimModelSettings(5, 250, 12_000, 1, Duration.ofDays(1))),
                bad("reconciler.model.min-rows", () -> new SimModelSettings(5, 5, 12_000, 0.2, Duration.ofDays(1))),
                bad("reconciler.model.max-rows", () -> new SimModelSettings(5, 250, 249, 0.2, Duration.ofDays(1))),
                bad("reconciler.model.train-interval", () -> new SimModelSettings(5, 250, 12_000, 0.2, Duration.ZERO)),
                bad("reconciler.model.train-interval", () -> new SimModelSettings(5, 250, 12_000, 0.2, null)),
                bad("reconciler.api.max-batch", () -> new AlphaEventApiSettings(0, Duration.ofSeconds(30))),
                bad("reconciler.api.send-timeout", () -> new AlphaEventApiSettings(1, Duration.ofMillis(500))),
                bad("reconciler.api.send-timeout", () -> new AlphaEventApiSettings(1, Duration.ofMinutes(11))),
                bad("reconciler.api.send-timeout", () -> new AlphaEventApiSettings(1, null)));
    }

    private static Arguments bad(String key, Supplier<Object> build) {
        return Arguments.of(key, build);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void anInvalidValueIsRefusedWithAMessageThatStartsWithItsKey(String key, Supplier<Object> build) {
        assertThatThrownBy(build::get).isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
                .message().startsWith(key);
    }

    @Test
    void theMinimumRowsFollowTheHoldout() {
        assertThatThrownBy(() -> new SimModelSettings(5, 5, 12_000, 0.2, Duration.ofDays(1)))
                .hasMessage("reconciler.model.min-rows must be >= 6 for holdout-fraction 0.2, was 5");
        assertThat(new SimModelSettings(5, 6, 12_000, 0.2, Duration.ofDays(1)).minRows()).isEqualTo(6);
    }
}
