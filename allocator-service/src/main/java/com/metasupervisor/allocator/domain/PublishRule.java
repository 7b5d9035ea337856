package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether a policy publishes its target (design decision 7): the first allocation; under a paused guardian only its
 * governance zeroes (kills, disables) and the guardian flag itself; a move of max |Δw| ≥ threshold; a risk reduction
 * (a newly excluded agent that held capital, a newly opened alert, a lower regime multiplier), which publishes
 * min(held, target) at once while increases wait; the guardian's resumption (the held weights, flag off, when
 * nothing else publishes). Otherwise nothing.
 */
public final class PublishRule {

    /** Rounding of the weights must not hide a move of exactly the threshold. */
    private static final double TOLERANCE = 1e-12;

    private final double threshold;
    private final String increasesWait;
    private final String changesWait;

    public PublishRule(double threshold) {
        this.threshold = ArgChecker.inRange(threshold, 0, 1, "threshold");
        this.increasesWait = "): increases wait for a move of " + Decimals.percent(threshold);
        this.changesWait = "): changes wait for a move of " + Decimals.percent(threshold);
    }

    /** Held and target side by side, by agent (the union of both; held null where it had none). */
    private record Sides(SortedArrayMap<AgentWeight> order, AgentWeight[] target, AgentWeight[] held) {
        int size() {
            return target.length;
        }

        double held(int i) {
            return held[i] == null ? 0 : held[i].weight();
        }
    }

    /** empty = publish nothing. held null = nothing published yet. */
    public Optional<Publication> decide(Allocation held, Allocation target) {
        ArgChecker.notNull(target, "target");
        if (held != null) {
            ArgChecker.isTrue(held.policy() == target.policy(), "held and target must be of the same policy");
        }
        Sides sides = sides(held, target);
        if (held == null) {
            return Optional.of(publish(null, target, sides, sides.target(), target.regime(), "first allocation"));
        }
        if (target.guardianPaused()) {
            return guardian(held, target, sides);
        }
        double maxMove = -1;
        int mover = -1;
        for (int i = 0; i < sides.size(); i++) {
            double move = Math.abs(sides.target()[i].weight() - sides.held(i));
            if (move > maxMove) {
                maxMove = move;
                mover = i;
            }
        }
        // the guardian's resumption is news to the traders even when no weight moves enough: published, flag off
        String resumed = held.guardianPaused() ? "guardian resumed; " : "";
        if (maxMove >= threshold - TOLERANCE && maxMove > 0) {
            return Optional.of(publish(held, target, sides, sides.target(), target.regime(), resumed + "max |Δw| "
                    + Decimals.fixed(maxMove, 4) + " >= " + Decimals.fixed(threshold, 2) + " (" + sides.target()[mover].agent() + ")"));
        }
        List<String> reductions = new ArrayList<>();
        for (int i = 0; i < sides.size(); i++) {
            AgentWeight t = sides.target()[i];
            if (t.exclusion() != null && sides.held(i) > 0) {
                reductions.add(t.agent() + " " + t.exclusion().reason());
            } else if (newlyAlerted(sides.held()[i], t)) {
                reductions.add(t.agent() + " open alert × " + Decimals.fixed(t.multipliers().get(FleetEvaluation.ALERT), 2));
            }
        }
        if (target.regime().multiplier() < held.regime().multiplier()) {
            reductions.add(regimeChange(held, target));
        }
        boolean reduce = !reductions.isEmpty();
        if (!reduce && resumed.isEmpty()) {
            return Optional.empty();
        }
        AgentWeight[] next = new AgentWeight[sides.size()];
        for (int i = 0; i < sides.size(); i++) {
            AgentWeight t = sides.target()[i];
            double h = sides.held(i);
            // a reduction takes every decrease at once; increases (and, without one, every change) wait
            next[i] = t.weight() == h || (reduce && t.weight() < h) ? t : new AgentWeight(t.agent(), t.strategyClass(), t.status(), h,
                    t.weight(), h, t.rawScore(), t.multipliers(), t.bound(), true, t.exclusion(),
                    Decimals.fixed(h, 4) + " held (target " + Decimals.fixed(t.weight(), 4)
                            + (t.weight() > h ? increasesWait : changesWait));
        }
        String reason = reduce ? resumed + "risk reduction: " + String.join("; ", reductions) : "guardian resumed";
        return Optional.of(publish(held, target, sides, next, reduce ? target.regime() : held.regime(), reason));
    }

    /** Paused guardian: every weight held, except governance exclusions, which still go to zero. */
    private Optional<Publication> guardian(Allocation held, Allocation target, Sides sides) {
        List<String> zeroed = new ArrayList<>();
        AgentWeight[] next = new AgentWeight[sides.size()];
        for (int i = 0; i < sides.size(); i++) {
            AgentWeight t = sides.target()[i];
            AgentWeight h = sides.held()[i];
            double hw = sides.held(i);
            if (t.exclusion() != null && t.exclusion().kind().byGovernance()) {
                next[i] = t;
                if (hw > 0) {
                    zeroed.add(t.agent() + " " + t.exclusion().reason());
                }
            } else if (t.weight() == hw) {
                next[i] = t;
            } else {
                // the held weight and how it was made; the current status and exclusion
                next[i] = new AgentWeight(t.agent(), t.strategyClass(), t.status(), hw, t.weight(), hw,
                        h == null ? null : h.rawScore(), h == null ? Factors.of() : h.multipliers(),
                        h == null ? Bound.NONE : h.bound(), true, t.exclusion(),
                        Decimals.fixed(hw, 4) + " held by the paused guardian (target " + Decimals.fixed(t.weight(), 4) + ")");
            }
        }
        if (zeroed.isEmpty() && held.guardianPaused()) {
            return Optional.empty();
        }
        String reason = zeroed.isEmpty() ? "guardian paused" : "guardian paused; risk reduction: " + String.join("; ", zeroed);
        // the weights are the held ones, so is the regime they were scaled by (a lower multiplier still counts as a
        // reduction once the guardian resumes)
        return Optional.of(publish(held, target, sides, next, held.regime(), reason));
    }

    private static boolean newlyAlerted(AgentWeight held, AgentWeight target) {
        return target.exclusion() == null && target.multipliers().containsKey(FleetEvaluation.ALERT)
                && (held == null || !held.multipliers().containsKey(FleetEvaluation.ALERT));
    }

    private static String regimeChange(Allocation held, Allocation target) {
        return "regime multiplier " + Decimals.fixed(held.regime().multiplier(), 2) + " -> "
                + Decimals.fixed(target.regime().multiplier(), 2);
    }

    /**
     * Target and held by agent: index by index when both have the same agents (the common case: no lookup), else
     * merged; a held agent the fleet no longer knows is in the target at 0 with a STATUS exclusion (it has no status).
     */
    private static Sides sides(Allocation held, Allocation target) {
        SortedArrayMap<AgentWeight> t = SortedArrayMap.copyOf(target.agents());
        int n = t.size();
        AgentWeight[] targets = new AgentWeight[n];
        for (int i = 0; i < n; i++) {
            targets[i] = t.valueAt(i);
        }
        if (held == null) {
            return new Sides(t, targets, new AgentWeight[n]);
        }
        SortedArrayMap<AgentWeight> h = SortedArrayMap.copyOf(held.agents());
        if (h.sameKeys(t)) {
            AgentWeight[] helds = new AgentWeight[n];
            for (int i = 0; i < n; i++) {
                helds[i] = h.valueAt(i);
            }
            return new Sides(t, targets, helds);
        }
        TreeMap<String, AgentWeight[]> union = new TreeMap<>();
        t.forEach((agent, w) -> union.put(agent, new AgentWeight[] {w, null}));
        h.forEach((agent, w) -> union.computeIfAbsent(agent, a -> new AgentWeight[] {gone(w), null})[1] = w);
        String[] keys = union.keySet().toArray(new String[0]);
        AgentWeight[] ts = new AgentWeight[keys.length];
        AgentWeight[] hs = new AgentWeight[keys.length];
        int i = 0;
        for (AgentWeight[] pair : union.values()) {
            ts[i] = pair[0];
            hs[i++] = pair[1];
        }
        return new Sides(SortedArrayMap.ofSorted(keys, ts), ts, hs);
    }

    private static AgentWeight gone(AgentWeight held) {
        Exclusion gone = new Exclusion(ExclusionKind.STATUS, FleetEvaluation.NO_STATUS);
        return new AgentWeight(held.agent(), held.strategyClass(), null, 0, 0.0, null, null, Factors.of(),
                Bound.NONE, false, gone, "excluded: " + gone.reason());
    }

    /** The publication of {@code agents} (previous weights, changes and turnover against the held side). */
    private static Publication publish(Allocation held, Allocation target, Sides sides, AgentWeight[] agents,
            RegimeView regime, String reason) {
        AgentWeight[] out = new AgentWeight[agents.length];
        List<WeightChange> changes = new ArrayList<>();
        double sum = 0;
        double moved = 0;
        for (int i = 0; i < agents.length; i++) {
            AgentWeight a = agents[i];
            AgentWeight h = sides.held()[i];
            double from = sides.held(i);
            Double previous = held == null ? null : from;
            if (!same(previous, a.previousWeight())) {
                a = new AgentWeight(a.agent(), a.strategyClass(), a.status(), a.weight(), a.targetWeight(), previous,
                        a.rawScore(), a.multipliers(), a.bound(), a.hysteresisHeld(), a.exclusion(), a.explanation());
            }
            out[i] = a;
            sum += a.weight();
            if (a.weight() != from) {
                moved += Math.abs(a.weight() - from);
                changes.add(new WeightChange(a.agent(), from, a.weight(), changeReason(held, target, h, a)));
            }
        }
        double cash = Math.max(0, 1 - sum);
        double heldCash = held == null ? 1 : held.cash();
        double turnover = (moved + Math.abs(cash - heldCash)) / 2;
        Allocation allocation = new Allocation(target.policy(), SortedArrayMap.withKeysOf(sides.order(), out), cash,
                target.minAllocation(), target.maxAllocation(), target.minApplied(), regime, target.guardianPaused(),
                target.warnings(), target.asOf());
        return new Publication(allocation, reason, changes, turnover);
    }

    private static boolean same(Double a, Double b) {
        return a == null ? b == null : a.equals(b);
    }

    /** Why one agent's weight changed, in words. */
    private static String changeReason(Allocation held, Allocation target, AgentWeight h, AgentWeight now) {
        if (now.exclusion() != null && now.weight() == 0) {
            return now.exclusion().reason();
        }
        if (held != null && newlyAlerted(h, now)) {
            return "open alert × " + Decimals.fixed(now.multipliers().get(FleetEvaluation.ALERT), 2);
        }
        if (held != null && target.regime().multiplier() != held.regime().multiplier()) {
            return regimeChange(held, target);
        }
        return "score";
    }

    /** The weights of an allocation by agent (what a paper ledger holds). */
    static Map<String, Double> weights(Allocation a) {
        Map<String, Double> out = new HashMap<>(a.agents().size() * 2);
        a.agents().forEach((k, v) -> out.put(k, v.weight()));
        return out;
    }
}
