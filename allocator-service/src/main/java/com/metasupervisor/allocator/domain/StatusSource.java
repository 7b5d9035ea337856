package com.metasupervisor.allocator.domain;

/** Where an agent's effective status comes from: governance first, else the registry, else nowhere. */
public enum StatusSource { GOVERNANCE, REGISTRY, NONE }
