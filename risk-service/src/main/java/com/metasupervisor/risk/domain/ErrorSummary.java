package com.metasupervisor.risk.domain;

import com.metasupervisor.streams.check.ArgChecker;
/**
 * Model error over an agent's newest rows ({@link RecentErrors}): what avg_abs_error_bps, rmse_bps
 * and the divergence triggers are read from.
 *
 * @param n               rows in the window (≥ 1)
 * @param meanErrorBps    mean pnl_error_bps
 * @param meanAbsErrorBps mean abs_error_bps
 * @param rmseBps         √(mean pnl_error_bps²)
 * @param hitRate         share of rows with realized > 0
 * @param pricedRows      rows a sim model priced (with an expected_sigma_bps)
 * @param pricedHitRate   hit rate of the priced rows; null when none
 * @param expectedHitRate the model's hit rate for the priced rows ({@link ExpectedHitRate}); null when none
 * @param newestSigmaBps  expected_sigma_bps of the newest priced row (the holdout RMSE of the newest
 *                        model that priced this agent); null when none
 */
public record ErrorSummary(int n, double meanErrorBps, double meanAbsErrorBps, double rmseBps, double hitRate,
        int pricedRows, Double pricedHitRate, Double expectedHitRate, Double newestSigmaBps) {

    public ErrorSummary {
        ArgChecker.positive(n, "n");
        ArgChecker.notNegative(pricedRows, "pricedRows");
        ArgChecker.isTrue(pricedRows <= n, "need pricedRows <= n, were " + pricedRows + " and " + n);
        ArgChecker.isTrue((pricedRows == 0) == (pricedHitRate == null) && (pricedRows == 0) == (expectedHitRate == null),
                "pricedHitRate and expectedHitRate are null exactly when no row is priced");
    }
}
