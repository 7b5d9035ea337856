package com.metasupervisor.simulator.fleet;

/** The lifecycle status an agent starts with in the simulated manifest (SPEC §2's AgentManifest.status). */
public enum StartingStatus {
    CANDIDATE, LIVE
}
