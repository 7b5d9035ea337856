package com.metasupervisor.configrepo.files;

/** An agent's status in {@code agents/manifest.yaml} (SPEC §2 AgentManifest). */
public enum AgentStatus {
    CANDIDATE, LIVE, RETIRED, KILLED
}
