package com.metasupervisor.simulator.fleet;

/** What the truth says an agent is; only BROKEN_CLASS (in CRISIS), DRIFTING (late) and ERRORING are unsound. */
public enum AgentRole {
    /** Constant skill in every regime. */
    SOUND,
    /** Its class's model breaks in CRISIS: below 0.5 there, sound elsewhere. */
    BROKEN_CLASS,
    /** Its skill decays linearly after the drift start. */
    DRIFTING,
    /** The CANDIDATE with a high skill: should be proposed for promotion. */
    STRONG_CANDIDATE,
    /** A share of its events are bad (refused by the reconciler); its good calls are sound. */
    ERRORING
}
