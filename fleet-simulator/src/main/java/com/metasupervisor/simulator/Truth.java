package com.metasupervisor.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * What the run was built from, to score the supervisor's decisions against: every agent's class, skill and role, the
 * broken class and its CRISIS episodes, the drift start, the candidate, the erroring agent and its error share, the
 * seed and spec. Times are ISO-8601 text; {@code *_hour} fields are simulated hours since the start.
 */
public record Truth(long seed, int days, String start, String end, String tick, List<String> symbols, List<String> scenarios,
                    List<AgentTruth> agents, List<EpisodeTruth> regimes, BrokenClassTruth brokenClass, DriftTruth driftingAgent,
                    CandidateTruth strongCandidate, ErroringTruth erroringAgent, Counts counts) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public Truth {
        symbols = List.copyOf(symbols);
        scenarios = List.copyOf(scenarios);
        agents = List.copyOf(agents);
        regimes = List.copyOf(regimes);
    }

    public record AgentTruth(String agent, String strategyClass, String status, String owner, String role, double skill,
                             long callIntervalMinutes) {
    }

    /** A regime episode, clipped to the run. */
    public record EpisodeTruth(String regime, String from, String until, double fromHour, double untilHour) {
    }

    public record BrokenClassTruth(String strategyClass, double skillInCrisis, List<String> agents, List<EpisodeTruth> crisisEpisodes) {
    }

    /** The skill falls linearly from {@code skillBefore} at the drift start to {@code skillAtEnd} (Scenarios.driftOver later), then stays. */
    public record DriftTruth(String agent, String driftStart, double driftStartHour, double skillBefore, double skillAtEnd) {
    }

    public record CandidateTruth(String agent, double skill) {
    }

    /** {@code badKinds}: the kinds of bad event and the reconciler's reason for each. */
    public record ErroringTruth(String agent, double errorShare, long events, long badEvents, List<String> badKinds) {
    }

    public record Counts(long priceTicks, long alphaEvents, long badEvents) {
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the truth does not serialise: " + e.getMessage(), e);
        }
    }

    /** Reads {@link #toJson()}'s text back. */
    public static Truth fromJson(String json) {
        try {
            return JSON.readValue(json, Truth.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a simulation truth: " + e.getOriginalMessage(), e);
        }
    }
}
