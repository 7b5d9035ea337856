package com.metasupervisor.schemas;

/**
 * A service's benchmark, run by {@code ./ms bench <service> [arguments]} (its module's {@code exec:exec@bench}).
 *
 * @param mainClass the benchmark's main class (in the module's test sources)
 * @param arguments its usage, e.g. {@code [n]: n alpha calls (default 200 000)}
 */
public record ServiceBenchmark(String mainClass, String arguments) {

    public ServiceBenchmark {
        if (mainClass == null || !ServiceDefinition.JAVA_CLASS_NAME.matcher(mainClass).matches()) {
            throw new IllegalArgumentException("benchmark main-class must be a fully qualified class name, was "
                    + (mainClass == null ? "missing" : "'" + mainClass + "'"));
        }
        arguments = arguments == null ? "" : arguments.strip();
    }
}
