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
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            command.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
