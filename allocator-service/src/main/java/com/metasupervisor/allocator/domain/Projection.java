package com.metasupervisor.allocator.domain;

import java.util.Optional;

/**
 * The projection of scores onto [min, max] with Σ weights + cash = 1: per agent (in the order of the scores) its weight
 * and the bound that holds it, and the min actually applied (1/n when n·min > 1, with the warning).
 */
public record Projection(double[] weights, double cash, Bound[] bounds, double minApplied, Optional<String> warning) {
}
