package io.neuralscribe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ObjectNode metadata = SnakeCaseJson.MAPPER.valueToTree(ModelFile.readMetadata(file));
        // The training sample is ~11 kB of hashes, there for evaluate's overlap check, not for reading.
        JsonNode sample = metadata.get("training_sample");
        if (sample != null && sample.isObject()) {
            metadata.put("training_sample", sample.path("sampled").asInt() + " of " + sample.path("out_of").asInt()
                    + " training images hashed, so that evaluate can warn of test images the model was trained on");
        }
        spec.commandLine().getOut().println(SnakeCaseJson.INDENTED.writeValueAsString(metadata));
        return 0;
    }
}
