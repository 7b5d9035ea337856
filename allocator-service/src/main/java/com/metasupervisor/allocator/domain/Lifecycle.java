package com.metasupervisor.allocator.domain;

/** An agent's lifecycle status (governance.agent-status or agents.registry); only LIVE agents get capital. */
public enum Lifecycle { CANDIDATE, LIVE, RETIRED, KILLED }
