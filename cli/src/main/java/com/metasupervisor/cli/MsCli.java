package com.metasupervisor.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The operator's commands behind {@code ./ms}: {@code ./ms <command> [options]} runs one of them, one
 * class per command (a later command is one more class in {@code subcommands}). {@code ./ms} itself
 * keeps run, test, bench and mvn, and lists these after its own in {@code ./ms help}.
 */
@Command(name = "./ms",
        commandListHeading = "Operator commands (./ms <command> --help for one):%n",
        subcommands = {TrainModelCommand.class, TokenCommand.class, RegistryCommand.class, PromotionCycleCommand.class, LpReportCommand.class, PublishCommand.class, TailCommand.class, ExportCommand.class, ImportCommand.class, ImportLegacyCommand.class, SimulateCommand.class,
                KafkaAccessCommand.class})
public final class MsCli implements Runnable {

    /** As wide as {@code ./ms help}'s own lines. */
    private static final int USAGE_WIDTH = 110;

    /** Inherited by every command, so {@code ./ms <command> --help} works for each. */
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The parser with every command, as {@code ./ms} runs it (tests set its out and err). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MsCli()).setUsageHelpWidth(USAGE_WIDTH);
        // the list of commands only: ./ms help prints it after ./ms's own commands
        cli.getCommandSpec().usageMessage().sectionKeys(
                List.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
                        CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST));
        return cli;
    }

    @Spec
    CommandSpec spec;

    /** No command given: the list of commands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
