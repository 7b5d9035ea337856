package com.metasupervisor.governance.domain;

/**
 * What a decision does. The safety asymmetry of SPEC §6 is a property of the action: pulling capital back
 * (KILL, RETIRE, DISABLE_CLASS) acts at once; adding risk (PROMOTE, ENABLE_CLASS) only through the config
 * repo's base branch; HOLD only informs.
 */
public enum DecisionAction {
    KILL(Effect.AT_ONCE),
    RETIRE(Effect.AT_ONCE),
    PROMOTE(Effect.THROUGH_CONFIG_REPO),
    /** A candidate is held: a figure is missing (inconclusive) or an open divergence alert blocks it. */
    HOLD(Effect.NONE),
    DISABLE_CLASS(Effect.AT_ONCE),
    /** Reported when the base branch's kill list re-enabled the class; the repo made the change. */
    ENABLE_CLASS(Effect.THROUGH_CONFIG_REPO);

    /** When a decision changes the effective status. */
    public enum Effect {
        AT_ONCE, THROUGH_CONFIG_REPO, NONE
    }

    private final Effect effect;

    DecisionAction(Effect effect) {
        this.effect = effect;
    }

    public Effect effect() {
        return effect;
    }
}
