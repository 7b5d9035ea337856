package com.metasupervisor.reconciler.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.SimModelStatus;
import com.metasupervisor.reconciler.domain.PricePoint;
import com.metasupervisor.reconciler.domain.SimModelCoefficients;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroMappingTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void onlyATrainedModelWithCoefficientsPricesCalls() {
        SimModel trained = model(SimModelStatus.TRAINED, 10.0, 20.0, -2.0, 7.5);
        assertThat(AvroMapping.coefficients(trained)).isEqualTo(new SimModelCoefficients("ridge_h1_v1", -2, 10, 20, 7.5));
        assertThat(AvroMapping.coefficients(model(SimModelStatus.TRAINED, 10.0, 20.0, -2.0, null)).holdoutRmseBps()).isNull();
        assertThat(AvroMapping.coefficients(model(SimModelStatus.TRAINED, null, 20.0, -2.0, 7.5))).isNull();
        assertThat(AvroMapping.coefficients(model(SimModelStatus.INSUFFICIENT_ROWS, null, null, null, null))).isNull();
        assertThat(AvroMapping.coefficients(null)).isNull();
    }

    @Test
    void theStrategyClassIsResolvedOnTheEventAndAnUnchangedEventIsTheSameObject() {
        AlphaEvent plain = event(null, 100.0);
        AgentManifest macro = AgentManifest.newBuilder().setAgent("a").setStrategyClass("macro")
                .setStatus(AgentLifecycle.LIVE).setOwner("ops").setUpdatedAt(T0).build();
        assertThat(AvroMapping.withStrategyClass(plain, macro).getStrategyClass()).isEqualTo("macro");
        assertThat(AvroMapping.withStrategyClass(plain, null).getStrategyClass()).isEqualTo("unknown");
        AlphaEvent own = event("arb", 100.0);
        assertThat(AvroMapping.withStrategyClass(own, macro)).isSameAs(own);
    }

    @Test
    void aGivenEntryPriceIsAtEmission() {
        assertThat(AvroMapping.givenEntry(event(null, 100.0))).isEqualTo(new PricePoint(T0, 100.0));
        assertThat(AvroMapping.givenEntry(event(null, null))).isNull();
    }

    private static AlphaEvent event(String strategyClass, Double entry) {
        return AlphaEvent.newBuilder().setEventId("e").setAgent("a").setSymbol("BTC").setDirection(1).setScoreFinal(0.8)
                .setConfidence(0.6).setRegime("TREND").setEmittedAt(T0).setEntryPrice(entry).setHorizonsHours(List.of(1))
                .setStrategyClass(strategyClass).build();
    }

    private static SimModel model(SimModelStatus status, Double coefScore, Double coefConfidence, Double intercept, Double holdout) {
        return SimModel.newBuilder().setHorizonHours(1).setStatus(status).setCoefScoreFinal(coefScore)
                .setCoefConfidence(coefConfidence).setIntercept(intercept).setRmseBps(null).setHoldoutRmseBps(holdout)
                .setN(1_000).setLambda(5).setTrainedAt(T0).setVersion("ridge_h1_v1").build();
    }
}
