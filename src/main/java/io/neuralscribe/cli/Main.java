package io.neuralscribe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code neuralscribe} command. */
@Command(name = "neuralscribe", mixinStandardHelpOptions = true, version = "NeuralScribe 0.1.0",
        description = "Handwritten character recognition you can watch think.",
        subcommands = {ServeCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ReadCommand.class,
                BalanceCommand.class, BenchCommand.class, InfoCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run commands through it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // Choices are written in lower case ("--aim characters"); the enums behind them are upper case.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            command.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        cli.setParameterExceptionHandler(Main::badArguments);
        return cli;
    }

    /**
     * Every error starts "error:" and says what to do: one line and a pointer to {@code --help}, not
     * the whole usage (a misspelt option still gets picocli's suggestions).
     */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        java.io.PrintWriter err = command.getErr();
        err.println("error: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            unmatched.printSuggestions(err);
        }
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** No command named: the list of commands, and a non-zero exit (nothing was done). */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: serve, train, evaluate, "
                + "predict, bench or info");
    }
}
