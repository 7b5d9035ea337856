package com.metasupervisor.configrepo.files;

/** An agent's lifecycle status, as {@code agents/manifest.yaml} says it (SPEC §2 AgentManifest; not the Avro AgentStatus record). */
public enum LifecycleStatus {
    CANDIDATE, LIVE, RETIRED, KILLED
}
