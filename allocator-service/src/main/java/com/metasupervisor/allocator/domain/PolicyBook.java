package com.metasupervisor.allocator.domain;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every policy on the same inputs (SPEC §5 shadow policies): per policy its held allocation (after its own publish
 * rule) and its paper ledger. The configured policy is the active one: only its publications move capital.
 */
public final class PolicyBook {

    private final PolicyName active;
    private final double alertMultiplier;
    private final PublishRule rule;
    private final Map<PolicyName, AllocationPolicy> policies = new EnumMap<>(PolicyName.class);
    private final Map<PolicyName, Allocation> held = new EnumMap<>(PolicyName.class);
    private final Map<PolicyName, PaperLedger> ledgers = new EnumMap<>(PolicyName.class);
    private final Map<PolicyName, ExplanationMemo> sentences = new EnumMap<>(PolicyName.class);

    public PolicyBook(AllocatorSettings settings) {
        ArgChecker.notNull(settings, "settings");
        this.active = PolicyName.of(settings.policy());
        this.alertMultiplier = settings.alertMultiplier();
        this.rule = new PublishRule(settings.publishThreshold());
        for (PolicyName p : PolicyName.values()) {
            policies.put(p, AllocationPolicy.of(p, settings));
            ledgers.put(p, PaperLedger.empty());
            sentences.put(p, new ExplanationMemo());
        }
    }

    public PolicyName active() {
        return active;
    }

    /** Evaluates every policy on the view (the active one first); per policy the Publication if its rule publishes. */
    public Map<PolicyName, Optional<Publication>> evaluate(FleetView view) {
        ArgChecker.notNull(view, "view");
        Map<PolicyName, Optional<Publication>> out = new LinkedHashMap<>();
        out.put(active, evaluate(active, view));
        for (PolicyName p : PolicyName.values()) {
            if (p != active) {
                out.put(p, evaluate(p, view));
            }
        }
        return out;
    }

    private Optional<Publication> evaluate(PolicyName p, FleetView view) {
        Allocation target = FleetEvaluation.evaluate(policies.get(p), view, alertMultiplier, sentences.get(p));
        Optional<Publication> publication = rule.decide(held.get(p), target);
        publication.ifPresent(pub -> {
            held.put(p, pub.allocation());
            ledgers.get(p).hold(PublishRule.weights(pub.allocation()), pub.allocation().cash(), pub.turnover());
        });
        return publication;
    }

    /** One reconciled row at the horizon, credited to every policy's ledger. */
    public void credit(String agent, double realizedPnlBps, long maturedAt) {
        for (PaperLedger l : ledgers.values()) {
            l.credit(agent, realizedPnlBps, maturedAt);
        }
    }

    /** The policy's last published allocation, null if nothing published yet. */
    public Allocation held(PolicyName p) {
        return held.get(ArgChecker.notNull(p, "policy"));
    }

    public PaperLedger ledger(PolicyName p) {
        return ledgers.get(ArgChecker.notNull(p, "policy"));
    }

    /** From the stores at init: the policy's held allocation (null = none) and its ledger. */
    public void restore(PolicyName p, Allocation held, PaperLedger ledger) {
        ArgChecker.notNull(p, "policy");
        if (held == null) {
            this.held.remove(p);
        } else {
            ArgChecker.isTrue(held.policy() == p, "the held allocation of " + p.id() + " is of " + held.policy().id());
            this.held.put(p, held);
        }
        ledgers.put(p, ArgChecker.notNull(ledger, "ledger"));
    }
}
