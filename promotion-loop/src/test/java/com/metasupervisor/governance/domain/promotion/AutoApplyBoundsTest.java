package com.metasupervisor.governance.domain.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AutoApplyBoundsTest {

    private static final AutoApplyBounds LEVERAGE = AutoApplyBounds.of("leverage", 1.0, 2.0, 0.25);
    private static final AutoApplyBounds MACRO = AutoApplyBounds.of("macro-weight", 0, 0.8, 0.1);

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void specDefaultsAreWholeSteps() {
        assertThat(LEVERAGE.steps()).isEqualTo(4);
        assertThat(MACRO.steps()).isEqualTo(8);
        assertThat(AutoApplyBounds.of("trigger-delay", 3, 15, 2).steps()).isEqualTo(6);
    }

    @Test
    void rangeNotReachableInWholeStepsIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> AutoApplyBounds.of("x.leverage", 1.0, 2.0, 0.3))
                .hasMessageContaining("x.leverage").hasMessageContaining("not reachable in whole steps");
        assertThatThrownBy(() -> AutoApplyBounds.of("x.macro", 0.8, 0.8, 0.1)).hasMessageContaining("x.macro-min");
        assertThatThrownBy(() -> AutoApplyBounds.of("x.macro", 0, 0.8, 0)).hasMessageContaining("x.macro-max-step");
        assertThatThrownBy(() -> AutoApplyBounds.of("x.macro", 0, Double.NaN, 0.1)).hasMessageContaining("x.macro-max");
    }

    @Test
    void nextValueIsClampedThenStepLimitedInExactDecimals() {
        assertThat(LEVERAGE.nextValue(d("1.0"), d("1.1"))).isEqualByComparingTo("1.1");
        assertThat(LEVERAGE.nextValue(d("1.0"), d("2.0"))).isEqualByComparingTo("1.25");
        assertThat(LEVERAGE.nextValue(d("1.9"), d("5"))).isEqualByComparingTo("2.0");
        assertThat(LEVERAGE.nextValue(d("1.5"), d("0.1"))).isEqualByComparingTo("1.25");
        assertThat(MACRO.nextValue(d("0.2"), d("0.8")).toPlainString()).isEqualTo("0.3");
    }

    @Test
    void aCurrentValueOutsideTheRangeIsPulledInOrRefused() {
        // 2.1 is within one step of 2.0: pulled to the bound; 3.0 is not: refused rather than written out of bounds
        assertThat(LEVERAGE.nextValue(d("2.1"), d("2.5"))).isEqualByComparingTo("2.0");
        assertThat(LEVERAGE.nextValue(d("3.0"), d("2.0"))).isNull();
    }
}
