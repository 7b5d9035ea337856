package com.metasupervisor.allocator.domain;

import static com.metasupervisor.allocator.domain.Fleets.pnl;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.streams.regime.RegimeMajority;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetStateTest {

    private final FleetState state = new FleetState(Fleets.settings("soft_penalty"));

    @Test
    void governanceStatusWinsOverTheRegistryWhichWinsOverNothing() {
        state.registry("a", "fx", Lifecycle.LIVE);
        AgentView a = state.view(1).agents().get("a");
        assertThat(a.status()).isEqualTo(Lifecycle.LIVE);
        assertThat(a.statusSource()).isEqualTo(StatusSource.REGISTRY);
        assertThat(a.strategyClass()).isEqualTo("fx");

        state.governanceStatus("a", new AgentStatusView(Lifecycle.KILLED, "drawdown"));
        state.figures("a", pnl(10)); // class macro: the newest stats win over the registry
        a = state.view(2).agents().get("a");
        assertThat(a.status()).isEqualTo(Lifecycle.KILLED);
        assertThat(a.statusSource()).isEqualTo(StatusSource.GOVERNANCE);
        assertThat(a.statusReason()).isEqualTo("drawdown");
        assertThat(a.strategyClass()).isEqualTo("macro");

        state.governanceStatus("a", null);
        state.registry("a", null, null);
        a = state.view(3).agents().get("a");
        assertThat(a.statusSource()).isEqualTo(StatusSource.NONE);
        assertThat(a.status()).isNull();
        state.figures("a", null);
        assertThat(state.view(4).agents()).isEmpty();
    }

    @Test
    void knownAgentsAreTheUnionOfStatsGovernanceAndRegistry() {
        state.figures("s", pnl(1));
        state.governanceStatus("g", new AgentStatusView(Lifecycle.LIVE, null));
        state.registry("r", "macro", Lifecycle.CANDIDATE);
        state.alert("alerted-only", "x#1", "DIVERGENCE", true);
        assertThat(state.view(1).agents().keySet()).containsExactly("g", "r", "s");
    }

    @Test
    void withoutAnyRegimeItIsUnknownWithTheUnknownMultiplier() {
        assertThat(state.view(1).regime()).isEqualTo(new RegimeView("UNKNOWN", 0.8, "none"));
    }

    @Test
    void theMajorityOfTheAlphaEventsDecidesAndATieGoesToTheNewest() {
        state.eventRegime("trend");
        state.eventRegime("CRISIS");
        assertThat(state.view(1).regime()).isEqualTo(new RegimeView("CRISIS", 0.5, "derived"));
        state.eventRegime("TREND");
        assertThat(state.view(2).regime()).isEqualTo(new RegimeView("TREND", 1.0, "derived"));
    }

    @Test
    void aMarketRegimeRecordWinsItsMultiplierOrTheConfiguredOne() {
        state.eventRegime("CRISIS");
        state.regime("range", null, "ops");
        assertThat(state.view(1).regime()).isEqualTo(new RegimeView("RANGE", 0.9, "ops"));
        state.regime("RANGE", 0.3, "detector");
        assertThat(state.view(2).regime()).isEqualTo(new RegimeView("RANGE", 0.3, "detector"));
        state.regime(null, null, null);
        assertThat(state.view(3).regime()).isEqualTo(new RegimeView("CRISIS", 0.5, "derived"));
    }

    @Test
    void cvarIsReadForTheCurrentRegimeAtTheConfiguredHorizonOnly() {
        state.regime("CRISIS", null, "ops");
        state.strategyCvar("macro", "CRISIS", 24, 20.0);
        state.strategyCvar("macro", "TREND", 24, 5.0);
        state.strategyCvar("fx", "CRISIS", 1, 7.0);
        assertThat(state.view(1).cvarByStrategy()).containsExactlyEntriesOf(Map.of("macro", 20.0));
        state.strategyCvar("macro", "CRISIS", 24, null);
        assertThat(state.view(2).cvarByStrategy()).isEmpty();
    }

    @Test
    void theNewestOpenAlertHaircutsAndResolvingItLeavesAnOlderOne() {
        state.figures("a", pnl(1));
        state.alert("a", "a#1", "DIVERGENCE", true);
        state.alert("a", "a#2", "DIVERGENCE", true);
        state.alert("a", "a#2", "DIVERGENCE", true);
        assertThat(state.view(1).agents().get("a").openAlert()).isEqualTo(new OpenAlert("a#2", "DIVERGENCE"));
        state.alert("a", "a#2", "DIVERGENCE", false);
        assertThat(state.view(2).agents().get("a").openAlert()).isEqualTo(new OpenAlert("a#1", "DIVERGENCE"));
        state.alert("a", "a#1", "DIVERGENCE", false);
        state.alert("a", "a#1", "DIVERGENCE", false);
        assertThat(state.view(3).agents().get("a").openAlert()).isNull();
    }

    @Test
    void aDisabledClassAppliesToItsAgentsUntilActiveAgain() {
        state.figures("a", pnl(1));
        StrategyDisable off = new StrategyDisable("macro", List.of("cvar"));
        state.strategyStatus("macro", off);
        assertThat(state.view(1).agents().get("a").disabled()).isEqualTo(off);
        state.strategyStatus("macro", null);
        assertThat(state.view(2).agents().get("a").disabled()).isNull();
    }

    @Test
    void theGuardianFlagAndTheTimeReachTheView() {
        state.guardian(true);
        FleetView v = state.view(42);
        assertThat(v.guardianPaused()).isTrue();
        assertThat(v.asOf()).isEqualTo(42);
        state.guardian(false);
        assertThat(state.view(43).guardianPaused()).isFalse();
    }

    @Test
    void recentRegimesAreRestored() {
        RegimeMajority m = new RegimeMajority(100);
        m.add("RANGE");
        state.restoreRecentRegimes(m);
        assertThat(state.view(1).regime()).isEqualTo(new RegimeView("RANGE", 0.9, "derived"));
        assertThat(state.recentRegimes()).isSameAs(m);
    }
}
