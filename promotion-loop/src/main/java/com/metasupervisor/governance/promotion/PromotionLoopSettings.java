package com.metasupervisor.governance.promotion;

import com.metasupervisor.governance.domain.promotion.AutoApplyBounds;
import com.metasupervisor.governance.domain.promotion.LoopMode;
import com.metasupervisor.governance.domain.promotion.PromotionPolicy;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The promotion loop for config patches (SPEC §6), keys under {@code governance.promotion-loop.}. Bounds are
 * checked here, at start-up: min &lt; max, max-step &gt; 0 and the range a whole number of max-steps, else the
 * service does not start and the message names the key.
 *
 * @param mode                disabled | manual_only | bounded_auto
 * @param interval            the service runs one cycle over the patches received since the last one this often (wall
 *                            clock); the CLI runs one cycle per call
 * @param leverageHardLimit   sanity check: a leverage value above it is rejected
 * @param leverageMin         bounded_auto: leverage-tagged targets stay in [leverage-min, leverage-max] ...
 * @param leverageMaxStep     ... and move at most this much per cycle from the current live value
 * @param triggerDelayMin     the same for trigger-tagged targets
 * @param macroWeightMin      the same for macro-tagged targets (regime weights)
 * @param outputDir           proposals are materialised in {@code <output-dir>/<proposal id>/}
 * @param liveOverridesPath   the TOML file bounded_auto writes and the config loader reads
 */
@ConfigurationProperties("governance.promotion-loop")
public record PromotionLoopSettings(
        @Bindable(defaultValue = "manual_only") String mode,
        @Bindable(defaultValue = "PT1H") Duration interval,
        @Bindable(defaultValue = "3.0") double leverageHardLimit,
        @Bindable(defaultValue = "1.0") double leverageMin,
        @Bindable(defaultValue = "2.0") double leverageMax,
        @Bindable(defaultValue = "0.25") double leverageMaxStep,
        @Bindable(defaultValue = "3") double triggerDelayMin,
        @Bindable(defaultValue = "15") double triggerDelayMax,
        @Bindable(defaultValue = "2") double triggerDelayMaxStep,
        @Bindable(defaultValue = "0") double macroWeightMin,
        @Bindable(defaultValue = "0.8") double macroWeightMax,
        @Bindable(defaultValue = "0.1") double macroWeightMaxStep,
        @Bindable(defaultValue = "reports/live_promotion") String outputDir,
        @Bindable(defaultValue = "config/live_overrides/auto.toml") String liveOverridesPath) {

    public static final String PREFIX = "governance.promotion-loop.";

    public PromotionLoopSettings {
        ArgChecker.notBlank(mode, PREFIX + "mode");
        try {
            LoopMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "mode: " + e.getMessage(), e);
        }
        ArgChecker.positive(interval, PREFIX + "interval");
        ArgChecker.positive(leverageHardLimit, PREFIX + "leverage-hard-limit");
        ArgChecker.notBlank(outputDir, PREFIX + "output-dir");
        ArgChecker.notBlank(liveOverridesPath, PREFIX + "live-overrides-path");
        // built once here so that bad bounds fail at start-up, with the key in the message
        leverage(leverageMin, leverageMax, leverageMaxStep);
        triggerDelay(triggerDelayMin, triggerDelayMax, triggerDelayMaxStep);
        macroWeight(macroWeightMin, macroWeightMax, macroWeightMaxStep);
        ArgChecker.isTrue(leverageMax <= leverageHardLimit, PREFIX + "leverage-max (" + leverageMax
                + ") must not exceed " + PREFIX + "leverage-hard-limit (" + leverageHardLimit + ")");
    }

    private static AutoApplyBounds leverage(double min, double max, double step) {
        return AutoApplyBounds.of(PREFIX + "leverage", min, max, step);
    }

    private static AutoApplyBounds triggerDelay(double min, double max, double step) {
        return AutoApplyBounds.of(PREFIX + "trigger-delay", min, max, step);
    }

    private static AutoApplyBounds macroWeight(double min, double max, double step) {
        return AutoApplyBounds.of(PREFIX + "macro-weight", min, max, step);
    }

    public LoopMode loopMode() {
        return LoopMode.parse(mode);
    }

    /** The domain policy these settings describe. */
    public PromotionPolicy policy() {
        return new PromotionPolicy(loopMode(), BigDecimal.valueOf(leverageHardLimit),
                leverage(leverageMin, leverageMax, leverageMaxStep),
                triggerDelay(triggerDelayMin, triggerDelayMax, triggerDelayMaxStep),
                macroWeight(macroWeightMin, macroWeightMax, macroWeightMaxStep));
    }

    /** These settings in another mode, output directory and overrides file (the CLI's options). */
    public PromotionLoopSettings with(String otherMode, String otherOutputDir, String otherLiveOverridesPath) {
        return new PromotionLoopSettings(otherMode, interval, leverageHardLimit, leverageMin, leverageMax, leverageMaxStep,
                triggerDelayMin, triggerDelayMax, triggerDelayMaxStep, macroWeightMin, macroWeightMax, macroWeightMaxStep,
                otherOutputDir, otherLiveOverridesPath);
    }

    /** SPEC §6: manual_only, a cycle every hour; leverage [1.0, 2.0] step 0.25 (hard limit 3.0); trigger delay [3, 15] step 2; macro weight [0, 0.8] step 0.1. */
    public static PromotionLoopSettings defaults() {
        return SettingsDefaults.of(PromotionLoopSettings.class);
    }
}
