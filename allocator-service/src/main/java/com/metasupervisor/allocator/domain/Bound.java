package com.metasupervisor.allocator.domain;

/** The bound that holds an agent's weight after the projection. */
public enum Bound { NONE, MIN, MAX }
