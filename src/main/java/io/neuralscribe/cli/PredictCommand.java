package io.neuralscribe.cli;

import io.neuralscribe.inference.ImageDecoder;
import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.raster.Preprocessing;
import io.neuralscribe.inference.RankedLabel;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ShippedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code neuralscribe predict IMAGE.png}: the top three readings of a picture of one character. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Read one handwritten character from a PNG or JPEG and print the top 3 with confidences.")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "a PNG or JPEG of one character (dark on light or light on dark)")
    Path image;

    @Option(names = "--model", description = "model file (default: the shipped ByMerge model)")
    Path model;

    @Option(names = "--no-tta", description = "one forward pass instead of five test-time variants")
    boolean noTta;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ImageDecoder.GrayImage gray = PictureArgument.decode(spec.commandLine(), image);
        if (gray == null) {
            return 2;
        }
        float[] view = Preprocessing.fromUnitImage(gray.pixels(), gray.width(), gray.height());
        if (view == null) {
            out.println("nothing drawn: " + image + " has no ink");
            return 0;
        }
        Path modelFile = model != null ? model : ShippedModels.defaultModel();
        try (LoadedModel loaded = ModelFile.load(modelFile)) {
            Prediction prediction = new Predictor(modelFile.getFileName().toString(), loaded)
                    .predict(List.of(view), !noTta).get(0);
            for (RankedLabel ranked : prediction.top3()) {
                out.printf("%s  %6.2f %%%n", ranked.label(), ranked.confidence() * 100);
            }
        }
        return 0;
    }
}
