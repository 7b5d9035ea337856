package com.metasupervisor.reconciler.domain.sim;

import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.RidgeRegression;

/**
 * Run in a fresh JVM by {@link NativeBlasTest}: one Smile ridge fit, with ({@code bundled}) or without
 * ({@code plain}) {@link NativeBlas#ensureLoaded()} first. Prints {@code FIT OK ...} or {@code FIT FAILED ...}.
 */
public final class NativeBlasProbe {

    private NativeBlasProbe() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("bundled")) {
            System.out.println("source " + NativeBlas.ensureLoaded());
        }
        try {
            double[][] data = {{0, 0, 1}, {1, 0, 3}, {0, 1, 2}, {1, 1, 4.5}, {0.5, 0.5, 2.6}};
            var model = RidgeRegression.fit(Formula.lhs("y"), DataFrame.of(data, "s", "c", "y"), 0.1);
            System.out.println("FIT OK " + model.coefficients() + " " + model.intercept());
        } catch (Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.println("FIT FAILED " + e + " / root cause: " + root);
        }
    }
}
