package com.metasupervisor.governance.domain;

import com.metasupervisor.streams.check.ArgChecker;

/** risk's StrategyCvar of a class in one regime: cvar95_shortfall_bps over {@code rows} rows. */
public record RegimeCvar(String regime, double cvar95ShortfallBps, int rows) {
    public RegimeCvar {
        ArgChecker.notBlank(regime, "regime");
        ArgChecker.finite(cvar95ShortfallBps, "cvar95ShortfallBps");
        ArgChecker.notNegative(rows, "rows");
    }
}
