package com.metasupervisor.simulator.fleet;

/**
 * What the truth says an agent is; only SOUND and STRONG_CANDIDATE agents are sound throughout: BROKEN_CLASS (in
 * CRISIS), DRIFTING (after its drift), ERRORING and DECAYED agents are right to remove.
 */
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
    ERRORING,
    /** Its class's alpha has decayed (SPEC §6's kill list disables sentiment): skill 0.5, no edge, retiring it is right. */
    DECAYED
}
