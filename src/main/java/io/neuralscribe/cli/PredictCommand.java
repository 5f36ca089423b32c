package io.neuralscribe.cli;

import io.neuralscribe.inference.Expectation;
import io.neuralscribe.inference.ImageLimits;
import io.neuralscribe.inference.InvalidImageException;
import io.neuralscribe.inference.PictureUpload;
import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.inference.RankedLabel;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ShippedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
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

    @Option(names = "--expect", converter = Converters.Expect.class,
            description = "what the picture shows: any, digits, letters, upper or lower (default: any)")
    Expectation expect = Expectation.ANY;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (Files.isDirectory(image)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), image
                    + " is a folder; name one picture in it (PNG or JPEG)");
        }
        if (!Files.isRegularFile(image)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), image + ": no such file");
        }
        float[] view;
        try {
            view = new PictureUpload(ImageLimits.standard()).view(Files.readAllBytes(image));
        } catch (InvalidImageException e) {
            spec.commandLine().getErr().println("error: " + image + ": " + e.getMessage());
            return 2;
        }
        if (view == null) {
            out.println("nothing drawn: " + image + " has no ink");
            return 0;
        }
        Path modelFile = model != null ? model : ShippedModels.defaultModel();
        try (LoadedModel loaded = ModelFile.load(modelFile)) {
            Prediction prediction = new Predictor(modelFile.getFileName().toString(), loaded)
                    .predict(List.of(view), !noTta).get(0).restrictedTo(expect, loaded.metadata().classes());
            for (RankedLabel ranked : prediction.top3()) {
                out.printf("%s  %6.2f %%%n", ranked.label(), ranked.confidence() * 100);
            }
            if (prediction.lookAlike() != null) {
                out.printf("%s — or %s? They look alike: --expect tells which kind of character it is.%n",
                        prediction.label(), prediction.lookAlike().label());
            }
        }
        return 0;
    }
}
