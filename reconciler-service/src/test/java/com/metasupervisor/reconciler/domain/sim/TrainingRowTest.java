package com.metasupervisor.reconciler.domain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Validation of the training row and of the two outcomes. */
class TrainingRowTest {

    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void a_row_needs_finite_values_and_a_time() {
        assertThat(new TrainingRow(0.5, 0.8, -12.5, T).realizedPnlBps()).isEqualTo(-12.5);
        assertThatThrownBy(() -> new TrainingRow(Double.NaN, 0.8, 1, T)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scoreFinal");
        assertThatThrownBy(() -> new TrainingRow(0.5, Double.POSITIVE_INFINITY, 1, T)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confidence");
        assertThatThrownBy(() -> new TrainingRow(0.5, 0.8, Double.NEGATIVE_INFINITY, T)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("realizedPnlBps");
        assertThatThrownBy(() -> new TrainingRow(0.5, 0.8, 1, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maturedAt");
    }

    @Test
    void time_order_is_by_matured_at_then_by_value() {
        TrainingRow early = new TrainingRow(0.9, 0.9, 9, T);
        TrainingRow late = new TrainingRow(0.1, 0.1, 1, T.plusSeconds(1));
        TrainingRow earlyLowScore = new TrainingRow(0.1, 0.9, 9, T);
        assertThat(TrainingRow.TIME_ORDER.compare(early, late)).isNegative();
        assertThat(TrainingRow.TIME_ORDER.compare(earlyLowScore, early)).isNegative();
        assertThat(TrainingRow.TIME_ORDER.compare(early, new TrainingRow(0.9, 0.9, 9, T))).isZero();
    }

    @Test
    void trained_model_predicts_intercept_plus_weighted_features() {
        Trained model = new Trained(24, 40, 25, -3, 5, 6, 1_000, 5, T, "ridge_h24_v1");
        assertThat(model.expectedPnlBps(0.5, 0.8)).isEqualTo(-3 + 40 * 0.5 + 25 * 0.8);
        assertThat(model.expectedPnlBps(0, 0)).isEqualTo(-3);
    }

    @Test
    void outcomes_validate_their_fields() {
        assertThatThrownBy(() -> new Trained(24, Double.NaN, 25, -3, 5, 6, 1_000, 5, T, "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Trained(24, 40, 25, -3, -1, 6, 1_000, 5, T, "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Trained(0, 40, 25, -3, 5, 6, 1_000, 5, T, "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Trained(24, 40, 25, -3, 5, 6, 1_000, 5, null, "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trainedAt");
        assertThatThrownBy(() -> new InsufficientRows(24, 250, 250, T)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InsufficientRows(24, -1, 250, T)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new InsufficientRows(24, 12, 250, T).reason()).isEqualTo("insufficient_rows");
    }

    @Test
    void a_row_is_stored_in_the_versioned_state_layout_and_rows_stored_before_it_still_read() {
        TrainingRow row = new TrainingRow(0.5, 0.8, -12.5, T.plusMillis(7));
        byte[] bytes = row.toBytes();
        assertThat(bytes).hasSize(1 + 32).startsWith(TrainingRow.VERSION);
        assertThat(TrainingRow.fromBytes(bytes)).isEqualTo(row);

        byte[] unversioned = java.nio.ByteBuffer.allocate(32).putDouble(0.5).putDouble(0.8).putDouble(-12.5)
                .putLong(T.plusMillis(7).toEpochMilli()).array();
        assertThat(TrainingRow.fromBytes(unversioned)).isEqualTo(row);

        bytes[0] = 9;
        assertThatThrownBy(() -> TrainingRow.fromBytes(bytes)).hasMessageContaining("TrainingRow: unknown format version 9");
        assertThatThrownBy(() -> TrainingRow.fromBytes(new byte[] {1, 0, 0})).hasMessageContaining("TrainingRow");
    }
}
