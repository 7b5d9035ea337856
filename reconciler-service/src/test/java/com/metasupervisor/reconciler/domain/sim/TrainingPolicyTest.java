package com.metasupervisor.reconciler.domain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingPolicyTest {

    @Test
    void theFitKeepsMoreRowsThanParametersAfterTheHoldout() {
        assertThat(TrainingPolicy.smallestMinRows(0.2)).isEqualTo(6); // 5 fitted + 1 held out
        assertThat(new TrainingPolicy(5, 6, 6, 0.2).minRows()).isEqualTo(6);
        assertThatThrownBy(() -> new TrainingPolicy(5, 5, 100, 0.2)).hasMessageStartingWith("minRows must be >= 6");
        assertThatThrownBy(() -> new TrainingPolicy(5, 250, 249, 0.2)).hasMessageStartingWith("maxRows (249)");
    }

    @Test
    void penaltyAndHoldoutAreChecked() {
        assertThatThrownBy(() -> new TrainingPolicy(-1, 250, 12_000, 0.2)).hasMessageStartingWith("lambda");
        assertThatThrownBy(() -> new TrainingPolicy(Double.NaN, 250, 12_000, 0.2)).hasMessageStartingWith("lambda");
        assertThatThrownBy(() -> new TrainingPolicy(5, 250, 12_000, 1.0)).hasMessageStartingWith("holdoutFraction");
        assertThatThrownBy(() -> new TrainingPolicy(5, 250, 12_000, 0)).hasMessageStartingWith("holdoutFraction");
    }
}
