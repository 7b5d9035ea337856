package com.metasupervisor.demo.latency;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * End-to-end latency of capital pulled back (issue 14, acceptance 4): from the reconciled row that triggered a KILL or
 * RETIRE to the first {@code allocations} snapshot giving the agent zero weight, on the wall clock of one reader of
 * those topics (read_committed: a record counts when its transaction is visible, as downstream traders see it).
 *
 * <p>The trigger is the newest reconciled row at the judged horizon received before the decision: the agent's own for
 * its own rules (drawdown, performance), the newest of its class for a retirement because its class was disabled
 * (class rules judge the class's rows). A KILL on the error rate is triggered by a refused event, not a row: it is
 * measured from the decision only. Decisions on an agent that already had no weight are not measured. Records of
 * several topics reach the reader in one poll in any order, so a zero weight seen just before its decision counts
 * from when it was seen.
 *
 * <p>Not thread-safe: one reader feeds it.
 */
public final class ZeroWeightLatency {

    static final String CLASS_DISABLED_RULE = "retire_class_disabled";
    static final String ERROR_RATE_RULE = "kill_error_rate";

    /** One measured removal: the agent, the action, ms from its trigger row (null: no row triggered it) and from the decision. */
    public record Sample(String agent, String action, Double fromRowMillis, double fromDecisionMillis) {
        public Sample {
            ArgChecker.notBlank(agent, "agent");
            ArgChecker.notBlank(action, "action");
        }
    }

    private record Pending(String agent, String action, Long triggerNanos, long decisionNanos) {
    }

    private final int horizonHours;
    private final Map<String, Long> lastRowOfAgent = new HashMap<>();
    private final Map<String, Long> lastRowOfClass = new HashMap<>();
    private final Map<String, String> classOf = new HashMap<>();
    private final Map<String, Double> weight = new HashMap<>();
    private final Map<String, Long> zeroSince = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();

    public ZeroWeightLatency(int horizonHours) {
        this.horizonHours = ArgChecker.positive(horizonHours, "horizonHours");
    }

    public void row(String agent, String strategyClass, int horizon, long receivedNanos) {
        if (horizon != horizonHours || agent == null) {
            return;
        }
        lastRowOfAgent.put(agent, receivedNanos);
        if (strategyClass != null) {
            classOf.put(agent, strategyClass);
            lastRowOfClass.put(strategyClass, receivedNanos);
        }
    }

    /** A live agent decision; only KILL and RETIRE of an agent that holds weight are measured. */
    public void decision(String agent, String action, List<String> reasons, long receivedNanos) {
        if (!action.equals("KILL") && !action.equals("RETIRE")) {
            return;
        }
        Long trigger = trigger(agent, reasons);
        Long zero = zeroSince.get(agent);
        if (weight.getOrDefault(agent, 0.0) > 0) {
            pending.add(new Pending(agent, action, trigger, receivedNanos));
        } else if (zero != null && trigger != null && zero >= trigger) {
            // the snapshot zeroing it came in the same poll, before the decision
            samples.add(new Sample(agent, action, millis(zero - trigger), 0));
        }
    }

    /** An allocations snapshot: every agent's weight (an agent absent from it has none). */
    public void snapshot(Map<String, Double> weights, long receivedNanos) {
        for (Map.Entry<String, Double> e : weight.entrySet()) {
            if (e.getValue() > 0 && weights.getOrDefault(e.getKey(), 0.0) <= 0) {
                zeroSince.put(e.getKey(), receivedNanos);
            }
        }
        weight.clear();
        weight.putAll(weights);
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (weights.getOrDefault(p.agent(), 0.0) <= 0) {
                samples.add(new Sample(p.agent(), p.action(), p.triggerNanos() == null ? null : millis(receivedNanos - p.triggerNanos()),
                        millis(receivedNanos - p.decisionNanos())));
                it.remove();
            }
        }
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Decisions whose zero weight has not been seen (yet). */
    public int pending() {
        return pending.size();
    }

    private Long trigger(String agent, List<String> reasons) {
        if (reasons.stream().anyMatch(r -> r.startsWith(CLASS_DISABLED_RULE))) {
            String strategyClass = classOf.get(agent);
            return strategyClass == null ? null : lastRowOfClass.get(strategyClass);
        }
        if (!reasons.isEmpty() && reasons.stream().allMatch(r -> r.startsWith(ERROR_RATE_RULE))) {
            return null;
        }
        return lastRowOfAgent.get(agent);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
