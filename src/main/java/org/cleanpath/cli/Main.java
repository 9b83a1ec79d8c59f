package org.cleanpath.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cleanpath} command: dispatches to one subcommand per job. */
@Command(
        name = "cleanpath",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Checks whether network traffic stays on a clean path.",
        subcommands = {
            AnalyzeCommand.class,
            FlowsCommand.class,
            LookupCommand.class,
            MonitorCommand.class,
            GeodbCommand.class,
            GenerateCommand.class,
            PolicyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    /** Exit codes shared by every command: 0 clean, 1 dirty, 2 error or damaged input. */
    public static final int EXIT_CLEAN = 0;
    public static final int EXIT_DIRTY = 1;
    public static final int EXIT_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line, shared by main and the tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> EXIT_ERROR);
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("cleanpath: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'cleanpath " + ex.getCommandLine().getCommandName() + " --help'.");
            return EXIT_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("cleanpath: " + ex.getMessage());
            return EXIT_ERROR;
        });
        return cli;
    }
}
