package com.metasupervisor.cli;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.SchemaRegistration;
import com.metasupervisor.schemas.SchemaRegistrationException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms registry init [--url ...]}: registers every catalog subject with its compatibility rule
 * ({@link SchemaRegistration}, the same code the platform kit runs on its embedded registry), for a registry the
 * platform kit did not start: compose's {@code registry-init} and the Kubernetes Job of the same name.
 */
@Command(name = "registry", description = "The schema registry's subjects (init).")
final class RegistryCommand implements Runnable {

    static final int DONE = 0;
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    /** No subcommand: its list. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "init",
            description = {"Registers the schema of every catalog topic under <topic>-value and sets its compatibility:",
                    "FULL_TRANSITIVE for the topics outside parties write (service catalog), BACKWARD for the others.",
                    "Idempotent: run it again after an upgrade; a schema that breaks its subject's rule is refused.",
                    "Exit status: 0 registered, 1 refused or no answer, 2 usage."})
    int init(@Option(names = "--url", paramLabel = "<url>", defaultValue = "${env:REGISTRY_URL:-http://localhost:8080}",
            description = "The registry's base URL (env REGISTRY_URL; now ${DEFAULT-VALUE}).") String url) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RegistrySettings registry;
        try {
            registry = RegistrySettings.of(url);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine().getSubcommands().get("init"), "--url: " + e.getMessage(), e);
        }
        try {
            List<SchemaRegistration.Registered> registered = SchemaRegistration.to(registry).registerCatalog();
            for (SchemaRegistration.Registered subject : registered) {
                out.printf("%-36s %-16s id %d%n", subject.subject().name(), subject.subject().compatibility(), subject.id());
            }
            out.printf("registry init: %d subjects registered at %s%n", registered.size(), registry.url());
            return DONE;
        } catch (SchemaRegistrationException e) {
            err.println("registry init: " + e.getMessage());
            return FAILED;
        }
    }
}
