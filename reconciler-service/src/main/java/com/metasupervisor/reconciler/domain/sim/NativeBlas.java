package com.metasupervisor.reconciler.domain.sim;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.linalg.UPLO;
import smile.tensor.DenseMatrix;
import smile.tensor.Vector;

/**
 * Makes the OpenBLAS that ships in the {@code org.bytedeco:openblas} jar visible to Smile, so the
 * sim model trains with nothing installed on the machine.
 *
 * <p><b>How Smile 6.2.5 finds BLAS/LAPACK.</b> Its jextract bindings ({@code smile.linalg.blas.cblas_h},
 * {@code smile.linalg.lapack.clapack_h}) build their symbol lookup once, in a static initialiser, as
 * <pre>{@code
 * SymbolLookup.libraryLookup(System.mapLibraryName(System.getProperty("smile.lib.blas", "openblas")), arena)
 *         .or(SymbolLookup.loaderLookup())
 *         .or(Linker.nativeLinker().defaultLookup())
 * }</pre>
 * ({@code smile.lib.lapack} for LAPACK). The first step is a plain {@code dlopen("libopenblas.so")}:
 * without a system OpenBLAS it throws ({@code IllegalArgumentException: Cannot open library:
 * libopenblas.so}), the class fails to initialise and every matrix operation fails for the life of
 * the JVM. The second step, {@code loaderLookup()}, would find OpenBLAS if it had been loaded with
 * {@code System.load} by the same class loader, but it is never reached.
 *
 * <p><b>What this class does.</b> {@link #ensureLoaded()} (1) lets JavaCPP extract and
 * {@code System.load} the bundled {@code libopenblas.so.0} (its {@code Loader} caches it under
 * {@code ~/.javacpp/cache}, or {@code org.bytedeco.javacpp.cachedir}); (2) points {@code smile.lib.blas}
 * and {@code smile.lib.lapack} at {@code jvm}: {@code dlopen("libjvm.so")} always succeeds, because
 * the running JVM's own {@code libjvm.so} is already loaded under that soname, and it exports no
 * BLAS/LAPACK symbol, so every lookup falls through to {@code loaderLookup()}, which finds them in
 * the OpenBLAS that step 1 loaded (same application class loader as Smile). The bundled library's
 * soname is {@code libopenblas.so.0}, so a {@code dlopen} by the name Smile asks for cannot reach it
 * directly, and {@code LD_LIBRARY_PATH} cannot be changed once the JVM runs. (3) runs one tiny BLAS
 * and one LAPACK call through Smile, so a missing library fails here, with a clear message, and not
 * in the middle of a training run.
 *
 * <p>The properties are read once per JVM, when Smile first touches BLAS/LAPACK, so this must run
 * before any other Smile linear algebra; {@link RidgeSimModelTrainer} calls it in its constructor.
 * If an operator has set {@code smile.lib.blas} or {@code smile.lib.lapack} (e.g. to use a system
 * OpenBLAS or MKL), this class loads nothing and leaves the choice to Smile. On a platform without
 * bundled natives (only {@code linux-x86_64} is on the class path) it leaves Smile's defaults too.
 */
public final class NativeBlas {

    /** Smile's system property naming the BLAS library. */
    public static final String BLAS_LIBRARY_PROPERTY = "smile.lib.blas";
    /** Smile's system property naming the LAPACK library. */
    public static final String LAPACK_LIBRARY_PROPERTY = "smile.lib.lapack";
    /** A library name {@code dlopen} always resolves in a running JVM and that holds no BLAS symbols. */
    static final String ALREADY_LOADED_LIBRARY = "jvm";

    /** Where Smile's BLAS/LAPACK come from. */
    public enum Source {
        /** The OpenBLAS bundled in the {@code org.bytedeco:openblas} jar, loaded by this class. */
        BUNDLED_OPENBLAS,
        /** The library an operator named with {@code smile.lib.blas} / {@code smile.lib.lapack}. */
        CONFIGURED,
        /** No bundled natives for this platform: Smile's default ({@code libopenblas.so}, Accelerate, ...). */
        SMILE_DEFAULT
    }

    private static final Logger LOG = LoggerFactory.getLogger(NativeBlas.class);

    private static Source source;
    private static IllegalStateException failure;

    private NativeBlas() {
    }

    /**
     * Makes BLAS/LAPACK usable by Smile, once per JVM; later calls return the first call's answer
     * (or throw its failure again).
     *
     * @return where the library comes from
     * @throws IllegalStateException when Smile still cannot call BLAS/LAPACK
     */
    public static synchronized Source ensureLoaded() {
        if (source != null) {
            return source;
        }
        if (failure != null) {
            throw failure;
        }
        Source chosen = choose();
        try {
            smokeTest();
        } catch (RuntimeException | LinkageError e) {
            failure = new IllegalStateException("Smile cannot call BLAS/LAPACK (" + chosen + ", "
                    + BLAS_LIBRARY_PROPERTY + "=" + System.getProperty(BLAS_LIBRARY_PROPERTY) + ", "
                    + LAPACK_LIBRARY_PROPERTY + "=" + System.getProperty(LAPACK_LIBRARY_PROPERTY)
                    + "). The bundled OpenBLAS covers linux-x86_64; elsewhere install OpenBLAS or name a library with "
                    + BLAS_LIBRARY_PROPERTY + " / " + LAPACK_LIBRARY_PROPERTY
                    + ". This must also run before any other use of Smile's linear algebra in the JVM.", e);
            throw failure;
        }
        source = chosen;
        return source;
    }

    private static Source choose() {
        String blas = System.getProperty(BLAS_LIBRARY_PROPERTY);
        String lapack = System.getProperty(LAPACK_LIBRARY_PROPERTY);
        if (blas != null || lapack != null) {
            LOG.info("BLAS/LAPACK for Smile as configured: {}={}, {}={}",
                    BLAS_LIBRARY_PROPERTY, blas, LAPACK_LIBRARY_PROPERTY, lapack);
            return Source.CONFIGURED;
        }
        String path;
        try {
            path = Loader.load(openblas.class);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("No bundled OpenBLAS for {}; Smile falls back to its default BLAS/LAPACK library: {}",
                    Loader.getPlatform(), e.toString());
            return Source.SMILE_DEFAULT;
        }
        System.setProperty(BLAS_LIBRARY_PROPERTY, ALREADY_LOADED_LIBRARY);
        System.setProperty(LAPACK_LIBRARY_PROPERTY, ALREADY_LOADED_LIBRARY);
        LOG.info("Bundled OpenBLAS loaded for Smile ({})", path);
        return Source.BUNDLED_OPENBLAS;
    }

    /** One BLAS call (dgemv) and one LAPACK call (dpotrf/dpotrs) through Smile, with known answers. */
    private static void smokeTest() {
        DenseMatrix a = DenseMatrix.of(new double[][] {{4, 2}, {2, 3}});
        Vector b = a.mv(new double[] {1, 1}); // (6, 5)
        Vector x = a.withUplo(UPLO.LOWER).cholesky().solve(b.toArray(new double[0])); // (1, 1)
        if (Math.abs(b.get(0) - 6) > 1e-12 || Math.abs(b.get(1) - 5) > 1e-12
                || Math.abs(x.get(0) - 1) > 1e-12 || Math.abs(x.get(1) - 1) > 1e-12) {
            throw new IllegalStateException("BLAS/LAPACK self-check gave wrong numbers: A·(1,1) = " + b
                    + ", solve(A, A·(1,1)) = " + x);
        }
    }
}
