package com.metasupervisor.risk.domain;

import static com.metasupervisor.risk.domain.Rows.T0;
import static com.metasupervisor.risk.domain.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedHitRateTest {

    @Test
    void is_the_mean_of_phi_of_expected_over_sigma() {
        List<ReconciledRow> rows = List.of(
                row(T0, 5, 0, 10.0),       // Φ(0) = 0.5
                row(T0, 5, 19.6, 10.0),    // Φ(1.96) = 0.9750021048517795
                row(T0, 5, -10, 10.0));    // Φ(−1) = 0.15865525393145707

        assertThat(ExpectedHitRate.of(rows).getAsDouble())
                .isCloseTo((0.5 + 0.9750021048517795 + 0.15865525393145707) / 3, within(1e-14));
    }

    @Test
    void rows_without_a_sigma_made_no_prediction_and_are_left_out() {
        List<ReconciledRow> rows = List.of(row(T0, 5, 19.6, 10.0), row(T0, 5, 0, null), row(T0, -5, 30, null));

        assertThat(ExpectedHitRate.of(rows).getAsDouble()).isCloseTo(0.9750021048517795, within(1e-14));
        assertThat(ExpectedHitRate.probabilityOfHit(rows.get(1))).isEmpty();
        assertThat(ExpectedHitRate.of(List.of(row(T0, 5, 0, null)))).isEmpty();
        assertThat(ExpectedHitRate.of(List.of())).isEmpty();
    }

    @Test
    void a_zero_sigma_is_the_limit_of_phi_a_certain_hit_a_certain_miss_or_a_coin() {
        assertThat(ExpectedHitRate.probabilityOfHit(row(T0, 0, 3, 0.0)).getAsDouble()).isEqualTo(1.0);
        assertThat(ExpectedHitRate.probabilityOfHit(row(T0, 0, -3, 0.0)).getAsDouble()).isEqualTo(0.0);
        assertThat(ExpectedHitRate.probabilityOfHit(row(T0, 0, 0, 0.0)).getAsDouble()).isEqualTo(0.5);
        assertThat(ExpectedHitRate.of(List.of(row(T0, 0, 3, 0.0), row(T0, 0, -3, 0.0), row(T0, 0, 0, 0.0))).getAsDouble())
                .isEqualTo(0.5);
    }
}
