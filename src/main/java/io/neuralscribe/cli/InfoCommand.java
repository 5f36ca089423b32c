package io.neuralscribe.cli;

import io.neuralscribe.data.SnakeCaseJson;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ShippedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code neuralscribe info}: what a model file says of itself, as JSON. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print a model file's metadata (architecture, classes, normalization, recipe, history, evaluation) as JSON.")
public final class InfoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", description = "model file (default: the shipped ByMerge model)")
    Path model;

    @Override
    public Integer call() throws Exception {
        Path file = model != null ? model : ShippedModels.defaultModel();
        spec.commandLine().getOut().println(SnakeCaseJson.INDENTED.writeValueAsString(ModelFile.readMetadata(file)));
        return 0;
    }
}
