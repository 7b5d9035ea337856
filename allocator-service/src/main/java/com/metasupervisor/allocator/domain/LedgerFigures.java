package com.metasupervisor.allocator.domain;

/** A paper ledger's figures (bps of capital); sharpe null with fewer than 2 days or a zero std. */
public record LedgerFigures(double cumulativePnlBps, Double sharpe, double maxDrawdownBps, double turnover,
        long weightChanges, long rows, int days, Long firstRowAt, Long lastRowAt) {
}
