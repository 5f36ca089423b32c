package io.neuralscribe.cli;

import io.neuralscribe.inference.ClassPrior;
import io.neuralscribe.inference.ImageDecoder;
import io.neuralscribe.inference.ImageLimits;
import io.neuralscribe.inference.PictureUpload;
import io.neuralscribe.inference.InvalidImageException;
import io.neuralscribe.inference.LineContext;
import io.neuralscribe.inference.LineReader;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.inference.TtaMode;
import io.neuralscribe.inference.WordList;
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
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code neuralscribe read IMAGE.png}: the text of a picture of a written line. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Read a written line (a word, a number) from a PNG or JPEG and print its text. "
                + "Characters must be separated; joined-up (cursive) writing is not split into letters.")
public final class ReadCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "a PNG or JPEG of one line of separate characters")
    Path image;

    @Option(names = "--model", description = "model file (default: the shipped ByMerge model)")
    Path model;

    @Option(names = "--words", paramLabel = "FILE", description = "word list, one word a line (default: the English list that ships)")
    Path words;

    @Option(names = "--no-words", description = "no word list")
    boolean noWords;

    @Option(names = {"-v", "--verbose"}, description = "also print each character's alternatives")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(image)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), image + ": no such file");
        }
        ImageDecoder.GrayImage gray;
        try {
            gray = new PictureUpload(ImageLimits.standard()).picture(Files.readAllBytes(image));
        } catch (InvalidImageException e) {
            spec.commandLine().getErr().println("error: " + image + ": " + e.getMessage());
            return 2;
        }
        WordList wordList = noWords ? null : words != null ? WordList.read(words) : WordList.english();
        Path modelFile = model != null ? model : ShippedModels.defaultModel();
        try (LoadedModel loaded = ModelFile.load(modelFile)) {
            Predictor predictor = new Predictor(modelFile.getFileName().toString(), loaded);
            LineReader.Reading reading;
            try {
                reading = new LineReader(loaded.metadata().classes(), wordList)
                        .readPicture(gray, views -> predictor.predict(views, TtaMode.UNSURE, ClassPrior.TRAINING),
                                LineContext.anyShape());
            } catch (InvalidImageException e) {
                spec.commandLine().getErr().println("error: " + image + ": " + e.getMessage());
                return 2;
            }
            if (reading.characters().isEmpty()) {
                out.println("nothing written: " + image + " has no ink");
                return 0;
            }
            out.println(reading.text());
            if (verbose) {
                for (LineReader.Character c : reading.characters()) {
                    out.printf("  %s  %5.1f %%   %s%n", c.label(), c.confidence() * 100, c.alternatives().stream()
                            .map(a -> String.format("%s %.1f %%", a.label(), a.confidence() * 100))
                            .collect(Collectors.joining(", ")));
                }
            }
            if (reading.joined()) {
                spec.commandLine().getErr().println("note: some letters look joined; joined-up writing is not "
                        + "split into letters — write them apart");
            }
        }
        return 0;
    }
}
