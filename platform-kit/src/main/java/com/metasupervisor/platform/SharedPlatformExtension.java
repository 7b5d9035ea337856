package com.metasupervisor.platform;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: injects one {@link LocalPlatform} shared by every test class of the test run (one per
 * module, as Surefire forks one JVM per module). It is started on first use and closed when the
 * run ends, so a module pays the start-up once.
 *
 * <pre>{@code @ExtendWith(SharedPlatformExtension.class)
 * class SomeIT { @Test void t(LocalPlatform platform) { ... } }}</pre>
 */
public final class SharedPlatformExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatformExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return platform(context);
    }

    /** The shared platform, started on first call. */
    public static LocalPlatform platform(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalPlatform.class, key -> LocalPlatform.start(), LocalPlatform.class);
    }
}
