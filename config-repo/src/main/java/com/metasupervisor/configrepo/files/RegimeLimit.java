package com.metasupervisor.configrepo.files;

/**
 * A strategy class's limit in one market regime.
 *
 * @param maxCvarErrorBps the largest cvar95_shortfall_bps allowed in that regime (&gt; 0)
 */
public record RegimeLimit(double maxCvarErrorBps) {
    public RegimeLimit {
        if (!Double.isFinite(maxCvarErrorBps) || maxCvarErrorBps <= 0) {
            throw new IllegalArgumentException("max_cvar_error_bps must be a finite number > 0, was " + maxCvarErrorBps);
        }
    }
}
