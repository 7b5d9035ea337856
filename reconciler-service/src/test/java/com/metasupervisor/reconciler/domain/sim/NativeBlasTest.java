package com.metasupervisor.reconciler.domain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import smile.linalg.UPLO;
import smile.tensor.DenseMatrix;

/** The bundled OpenBLAS reaches Smile with nothing installed on the machine. */
class NativeBlasTest {

    @Test
    void ensure_loaded_is_idempotent_and_smile_linear_algebra_works_after_it() {
        NativeBlas.Source first = NativeBlas.ensureLoaded();

        assertThat(NativeBlas.ensureLoaded()).isSameAs(first);
        if (first == NativeBlas.Source.BUNDLED_OPENBLAS) {
            assertThat(System.getProperty(NativeBlas.BLAS_LIBRARY_PROPERTY)).isEqualTo(NativeBlas.ALREADY_LOADED_LIBRARY);
            assertThat(System.getProperty(NativeBlas.LAPACK_LIBRARY_PROPERTY)).isEqualTo(NativeBlas.ALREADY_LOADED_LIBRARY);
        }
        DenseMatrix a = DenseMatrix.of(new double[][] {{2, 1}, {1, 3}});
        DenseMatrix product = a.mm(a); // dgemm
        assertThat(product.get(0, 0)).isEqualTo(5.0);
        assertThat(product.get(0, 1)).isEqualTo(5.0);
        assertThat(product.get(1, 1)).isEqualTo(10.0);
        double[] x = a.withUplo(UPLO.LOWER).cholesky().solve(new double[] {3, 4}).toArray(new double[0]); // dpotrf/dpotrs
        assertThat(x[0]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(x[1]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void on_a_machine_without_openblas_smile_fails_alone_and_fits_after_ensure_loaded() throws Exception {
        boolean systemOpenBlas;
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(System.mapLibraryName("openblas"), arena);
            systemOpenBlas = true;
        } catch (IllegalArgumentException e) {
            systemOpenBlas = false;
        }
        assumeThat(systemOpenBlas).as("only meaningful where no system libopenblas.so is installed").isFalse();

        String plain = runProbe("plain");
        String bundled = runProbe("bundled");

        assertThat(plain).contains("FIT FAILED").contains("Cannot open library: libopenblas.so");
        assertThat(bundled).contains("source BUNDLED_OPENBLAS").contains("FIT OK");
    }

    private static String runProbe(String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), NativeBlasProbe.class.getName(), mode))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        System.out.println("--- probe " + mode + ":\n" + output);
        return output;
    }
}
