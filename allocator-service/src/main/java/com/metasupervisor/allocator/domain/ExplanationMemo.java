package com.metasupervisor.allocator.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * The explanation sentences of a policy's last evaluation, by agent, with everything a sentence is made of: an
 * evaluation that finds an agent's inputs unchanged reuses its sentence instead of writing it again. Writing the
 * sentences is most of the cost of an evaluation, and between two evaluations few agents change. A sentence is a pure
 * function of what is compared here, so a reused one equals a new one. Mutable, one per policy (PolicyBook's).
 */
final class ExplanationMemo {

    /** At most this many multipliers are remembered per agent (soft_penalty has 7 with the alert and regime). */
    private static final int STRIDE = 8;

    private String[] agents = new String[0];
    private RegimeView regime;
    private double minApplied = Double.NaN;
    private double alertMultiplier = Double.NaN;
    private OpenAlert[] alerts = new OpenAlert[0];
    private String[] classes = new String[0];
    private boolean[] cvar = new boolean[0];
    private double[] scores = new double[0];
    private double[] raws = new double[0];
    private double[] weights = new double[0];
    /** Each agent's multiplier values, flat (STRIDE a row): compared without touching last evaluation's objects. */
    private double[] factorValues = new double[0];
    private byte[] factorCounts = new byte[0];
    private Bound[] bounds = new Bound[0];
    private String[] texts = new String[0];
    private long reused;

    /** Starts an evaluation: forgets every sentence when the agents or a fleet-wide part of the sentences changed. */
    void begin(String[] agents, RegimeView regime, double minApplied, double alertMultiplier) {
        boolean same = Arrays.equals(agents, this.agents) && regime.equals(this.regime) && minApplied == this.minApplied
                && alertMultiplier == this.alertMultiplier;
        if (!same) {
            int n = agents.length;
            this.alerts = new OpenAlert[n];
            this.classes = new String[n];
            this.cvar = new boolean[n];
            this.scores = new double[n];
            this.raws = new double[n];
            this.weights = new double[n];
            this.factorValues = new double[n * STRIDE];
            this.factorCounts = new byte[n];
            this.bounds = new Bound[n];
            this.texts = new String[n];
        }
        this.agents = agents;
        this.regime = regime;
        this.minApplied = minApplied;
        this.alertMultiplier = alertMultiplier;
    }

    /** The sentence of agent {@code i} if it was written from these very inputs, else null. */
    String get(int i, OpenAlert alert, String strategyClass, boolean cvarFigures, double score, double raw, Factors f,
            double weight, Bound bound) {
        String text = texts[i];
        if (text != null && weights[i] == weight && bounds[i] == bound && scores[i] == score && raws[i] == raw
                && cvar[i] == cvarFigures && Objects.equals(alerts[i], alert) && Objects.equals(classes[i], strategyClass)
                && sameFactors(i, f)) {
            reused++;
            return text;
        }
        return null;
    }

    /**
     * The same multiplier values in the same places. Their names need no comparison: they are the policy's, then
     * "alert" exactly when the agent has an open alert (compared as well), then "regime".
     */
    private boolean sameFactors(int i, Factors f) {
        int count = f.size();
        if (factorCounts[i] != count) {
            return false;
        }
        int at = i * STRIDE;
        for (int k = 0; k < count; k++) {
            if (factorValues[at + k] != f.value(k)) {
                return false;
            }
        }
        return true;
    }

    /** How many sentences were reused so far. */
    long reused() {
        return reused;
    }

    void put(int i, OpenAlert alert, String strategyClass, boolean cvarFigures, double score, double raw, Factors f,
            double weight, Bound bound, String text) {
        alerts[i] = alert;
        classes[i] = strategyClass;
        cvar[i] = cvarFigures;
        scores[i] = score;
        raws[i] = raw;
        if (f.size() > STRIDE) {
            texts[i] = null; // too many to remember: written every time
            return;
        }
        factorCounts[i] = (byte) f.size();
        for (int k = 0; k < f.size(); k++) {
            factorValues[i * STRIDE + k] = f.value(k);
        }
        weights[i] = weight;
        bounds[i] = bound;
        texts[i] = text;
    }
}
