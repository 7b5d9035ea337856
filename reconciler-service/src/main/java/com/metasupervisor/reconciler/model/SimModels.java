package com.metasupervisor.reconciler.model;

import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.SimModelStatus;
import com.metasupervisor.reconciler.domain.sim.InsufficientRows;
import com.metasupervisor.reconciler.domain.sim.Trained;
import com.metasupervisor.reconciler.domain.sim.TrainingOutcome;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A training outcome as published on {@code models.sim}, and the version arithmetic. */
public final class SimModels {

    private static final Pattern VERSION_NUMBER = Pattern.compile("_v(\\d+)$");

    private SimModels() {
    }

    /** @param lambda the configured penalty, recorded on an insufficient_rows report too */
    public static SimModel toAvro(TrainingOutcome outcome, double lambda) {
        return switch (outcome) {
            case Trained t -> SimModel.newBuilder()
                    .setHorizonHours(t.horizonHours()).setStatus(SimModelStatus.TRAINED)
                    .setCoefScoreFinal(t.coefScoreFinal()).setCoefConfidence(t.coefConfidence()).setIntercept(t.intercept())
                    .setRmseBps(t.rmseBps()).setHoldoutRmseBps(t.holdoutRmseBps()).setN(t.n()).setLambda(t.lambda())
                    .setTrainedAt(t.trainedAt()).setVersion(t.version()).setFeatureNames(List.of("score_final", "confidence"))
                    .build();
            case InsufficientRows i -> SimModel.newBuilder()
                    .setHorizonHours(i.horizonHours()).setStatus(SimModelStatus.INSUFFICIENT_ROWS)
                    .setCoefScoreFinal(null).setCoefConfidence(null).setIntercept(null).setRmseBps(null)
                    .setHoldoutRmseBps(null).setN(i.n()).setLambda(lambda).setTrainedAt(i.at())
                    .setVersion("insufficient_rows").setFeatureNames(List.of("score_final", "confidence"))
                    .build();
        };
    }

    /** The version number after {@code current} (e.g. {@code ridge_h24_v7} → 8); 1 when there is none. */
    public static int nextVersion(SimModel current) {
        if (current == null || current.getStatus() != SimModelStatus.TRAINED) {
            return 1;
        }
        Matcher m = VERSION_NUMBER.matcher(current.getVersion());
        return m.find() ? Integer.parseInt(m.group(1)) + 1 : 1;
    }
}
