package com.metasupervisor.schemas;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code ./ms} asks the service catalog ({@link ServiceCatalog#standard()}), so the script keeps
 * no list of its own. Run on the schemas module's classes and run-time classpath.
 * <ul>
 *   <li>{@code benchmark [service]}: prints the service whose benchmark {@code ./ms bench} runs: the one
 *       named (full or short name, e.g. {@code risk-service} or {@code risk}), or the first that has
 *       one; exits 2 naming the services that have one when no such service has a benchmark.</li>
 *   <li>{@code services}: one line per service: name, port, application id, benchmark usage.</li>
 * </ul>
 */
public final class ServiceCatalogMain {

    private ServiceCatalogMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one query; returns the exit status (0 done, 2 a usage or catalog error). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        ServiceCatalog catalog;
        try {
            catalog = ServiceCatalog.standard();
        } catch (ServiceCatalogException e) {
            err.println("ms: " + e.getMessage());
            return 2;
        }
        String query = args.length > 0 ? args[0] : "";
        return switch (query) {
            case "benchmark" -> benchmark(catalog, args.length > 1 ? args[1].strip() : "", out, err);
            case "services" -> {
                catalog.services().forEach(s -> out.println(String.format("%-20s %5d  %-30s %s", s.name(), s.port(), s.applicationId(),
                        s.benchmark().map(b -> "bench " + s.shortName() + " " + b.arguments()).orElse("")).stripTrailing()));
                yield 0;
            }
            default -> {
                err.println("usage: ServiceCatalogMain benchmark [service] | services");
                yield 2;
            }
        };
    }

    private static int benchmark(ServiceCatalog catalog, String name, PrintStream out, PrintStream err) {
        List<ServiceDefinition> benchmarked = catalog.benchmarked();
        if (benchmarked.isEmpty()) {
            err.println("ms: no service in the service catalog (" + catalog.source() + ") has a benchmark");
            return 2;
        }
        if (name.isEmpty()) {
            out.println(benchmarked.getFirst().name());
            return 0;
        }
        for (ServiceDefinition service : benchmarked) {
            if (service.name().equals(name) || service.shortName().equals(name)) {
                out.println(service.name());
                return 0;
            }
        }
        boolean known = catalog.services().stream().anyMatch(s -> s.name().equals(name) || s.shortName().equals(name));
        err.println("ms bench: " + (known ? name + " has no benchmark" : "no service called " + name)
                + " in the service catalog (" + catalog.source() + "); services with a benchmark: "
                + benchmarked.stream().map(s -> s.shortName() + " " + s.benchmark().orElseThrow().arguments())
                        .collect(Collectors.joining("; ")));
        return 2;
    }
}
