package com.metasupervisor.governance.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.governance.domain.promotion.LoopMode;
import com.metasupervisor.governance.domain.promotion.PromotionPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Start-up validation of {@code governance.promotion-loop.*}: bad bounds stop the service, naming the key. */
class PromotionLoopSettingsTest {

    private static PromotionLoopSettings with(String mode, double levMin, double levMax, double levStep,
                                              double trigMin, double trigMax, double trigStep,
                                              double macroMin, double macroMax, double macroStep) {
        return new PromotionLoopSettings(mode, Duration.ofHours(1), 3.0, levMin, levMax, levStep, trigMin, trigMax, trigStep,
                macroMin, macroMax, macroStep, "reports/live_promotion", "config/live_overrides/auto.toml");
    }

    @Test
    void defaultsAreTheSpecs() {
        PromotionLoopSettings s = PromotionLoopSettings.defaults();
        assertThat(s.loopMode()).isEqualTo(LoopMode.MANUAL_ONLY);
        assertThat(s.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(s.outputDir()).isEqualTo("reports/live_promotion");
        assertThat(s.liveOverridesPath()).isEqualTo("config/live_overrides/auto.toml");
        PromotionPolicy p = s.policy();
        PromotionPolicy spec = PromotionPolicy.defaults(LoopMode.MANUAL_ONLY);
        assertThat(p.leverageHardLimit()).isEqualByComparingTo(spec.leverageHardLimit());
        for (var pair : new Object[][] {{p.leverage(), spec.leverage()}, {p.triggerDelay(), spec.triggerDelay()},
                {p.macroWeight(), spec.macroWeight()}}) {
            var a = (com.metasupervisor.governance.domain.promotion.AutoApplyBounds) pair[0];
            var b = (com.metasupervisor.governance.domain.promotion.AutoApplyBounds) pair[1];
            assertThat(a.min()).isEqualByComparingTo(b.min());
            assertThat(a.max()).isEqualByComparingTo(b.max());
            assertThat(a.maxStep()).isEqualByComparingTo(b.maxStep());
        }
    }

    @Test
    void boundsNotReachableInWholeStepsAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> with("manual_only", 1.0, 2.0, 0.3, 3, 15, 2, 0, 0.8, 0.1))
                .hasMessageContaining("governance.promotion-loop.leverage").hasMessageContaining("whole steps");
        assertThatThrownBy(() -> with("manual_only", 1.0, 2.0, 0.25, 3, 15, 5, 0, 0.8, 0.1))
                .hasMessageContaining("governance.promotion-loop.trigger-delay").hasMessageContaining("whole steps");
        assertThatThrownBy(() -> with("manual_only", 1.0, 2.0, 0.25, 3, 15, 2, 0, 0.8, 0.3))
                .hasMessageContaining("governance.promotion-loop.macro-weight").hasMessageContaining("whole steps");
        assertThatThrownBy(() -> with("manual_only", 2.0, 1.0, 0.25, 3, 15, 2, 0, 0.8, 0.1))
                .hasMessageContaining("governance.promotion-loop.leverage-min");
        assertThatThrownBy(() -> with("manual_only", 1.0, 2.0, 0.25, 3, 15, -2, 0, 0.8, 0.1))
                .hasMessageContaining("governance.promotion-loop.trigger-delay-max-step");
        assertThatThrownBy(() -> with("manual_only", 1.0, 4.0, 0.25, 3, 15, 2, 0, 0.8, 0.1))
                .hasMessageContaining("governance.promotion-loop.leverage-hard-limit");
    }

    @Test
    void wholeStepBoundsAndEveryModeAreAccepted() {
        assertThat(with("bounded_auto", 0.5, 2.5, 0.5, 0, 20, 4, 0.1, 0.7, 0.2).loopMode())
                .isEqualTo(LoopMode.BOUNDED_AUTO);
        assertThat(with("disabled", 1.0, 2.0, 0.25, 3, 15, 2, 0, 0.8, 0.1).loopMode()).isEqualTo(LoopMode.DISABLED);
        assertThatThrownBy(() -> with("yolo", 1.0, 2.0, 0.25, 3, 15, 2, 0, 0.8, 0.1))
                .hasMessageContaining("governance.promotion-loop.mode");
    }

    @Test
    void aZeroNegativeOrMissingIntervalIsRejectedNamingTheKey() {
        PromotionLoopSettings d = PromotionLoopSettings.defaults();
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMinutes(-5), null}) {
            assertThatThrownBy(() -> new PromotionLoopSettings(d.mode(), bad, d.leverageHardLimit(), d.leverageMin(), d.leverageMax(),
                    d.leverageMaxStep(), d.triggerDelayMin(), d.triggerDelayMax(), d.triggerDelayMaxStep(), d.macroWeightMin(),
                    d.macroWeightMax(), d.macroWeightMaxStep(), d.outputDir(), d.liveOverridesPath()))
                    .as("interval %s", bad).hasMessageStartingWith("governance.promotion-loop.interval");
        }
        assertThat(new PromotionLoopSettings(d.mode(), Duration.ofSeconds(1), d.leverageHardLimit(), d.leverageMin(), d.leverageMax(),
                d.leverageMaxStep(), d.triggerDelayMin(), d.triggerDelayMax(), d.triggerDelayMaxStep(), d.macroWeightMin(),
                d.macroWeightMax(), d.macroWeightMaxStep(), d.outputDir(), d.liveOverridesPath()).interval())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theCliOptionsReplaceOnlyModeAndPaths() {
        PromotionLoopSettings s = PromotionLoopSettings.defaults().with("bounded_auto", "/tmp/out", "/tmp/auto.toml");
        assertThat(s.loopMode()).isEqualTo(LoopMode.BOUNDED_AUTO);
        assertThat(s.outputDir()).isEqualTo("/tmp/out");
        assertThat(s.liveOverridesPath()).isEqualTo("/tmp/auto.toml");
        assertThat(s.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(s.leverageMaxStep()).isEqualTo(0.25);
        assertThatThrownBy(() -> PromotionLoopSettings.defaults().with("yolo", "o", "a"))
                .hasMessageContaining("governance.promotion-loop.mode");
    }
}
