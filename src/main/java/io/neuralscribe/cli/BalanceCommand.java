package io.neuralscribe.cli;

import io.neuralscribe.data.ClassFolding;
import io.neuralscribe.data.DataLocation;
import io.neuralscribe.data.EmnistDownloader;
import io.neuralscribe.data.EmnistRepository;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.data.StrokeFile;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.data.WriterSplit;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.model.PenPrior;
import io.neuralscribe.train.LogitAdjustment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code neuralscribe balance}: removes the training data's class frequencies from a model's answers. */
@Command(name = "balance", mixinStandardHelpOptions = true,
        description = "Adjust a model's answers for how often each class was in its training data (logit "
                + "adjustment), so that a rare class that looks like a common one can still be answered.")
public final class BalanceCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "the model file to adjust")
    Path model;

    @Option(names = "--tau", required = true, description = "strength τ: 0 changes nothing, 1 removes the prior fully")
    double tau;

    @Option(names = "--data", description = "the EMNIST folder the model was trained on "
            + "(default: $NEURALSCRIBE_DATA, then data/emnist)")
    Path data;

    @Option(names = "--strokes", description = "the stroke file the model was also trained on, if any "
            + "(default: none; EMNIST only)")
    Path strokes;

    @Option(names = "--stroke-variants", defaultValue = "3",
            description = "renderings of each stroke sample in that training (default: ${DEFAULT-VALUE})")
    int strokeVariants;

    /** What the adjusted answers aim at. */
    enum Aim { CLASSES, CHARACTERS }

    @Option(names = "--aim", defaultValue = "characters",
            description = "classes: every class equally likely; characters: every one of the 62 written "
                    + "characters equally likely, so a class that answers for two (ByMerge's O for O and o) "
                    + "counts twice (default: ${DEFAULT-VALUE})")
    Aim aim;

    /** Which input the adjustment applies to. */
    enum Scope { PEN, ALL }

    @Option(names = "--for", defaultValue = "pen",
            description = "pen: record the adjustment as the model's pen prior, used for a character drawn "
                    + "alone, while pictures and lines keep the training prior; all: fold it into the output "
                    + "layer, for every input (default: ${DEFAULT-VALUE})")
    Scope scope;

    @Option(names = "--out", required = true, description = "where to write the adjusted model")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        if (!(tau >= 0 && tau <= 2)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--tau must be between 0 and 2");
        }
        ModelMetadata metadata = ModelFile.readMetadata(model);
        List<String> classes = metadata.classes();
        EmnistSplit split = EmnistSplit.parse(metadata.split());
        ImageDataset train = new EmnistRepository(DataLocation.resolve(data),
                new EmnistDownloader(new DownloadBar(System.out))).load(split, EmnistSplit.Part.TRAIN);
        long[] counts = LogitAdjustment.classCounts(train);
        if (strokes != null) {
            // The same writers training used: every writer but the held-apart ones.
            for (StrokeSample sample : WriterSplit.training(StrokeFile.read(strokes))) {
                counts[classes.indexOf(sample.labelFor(classes))] += strokeVariants;
            }
        }
        float[] shift = aim == Aim.CHARACTERS
                ? LogitAdjustment.shift(counts, ClassFolding.writtenLabelsPerClass(classes), tau)
                : LogitAdjustment.shift(counts, tau);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("tau", tau);
        entry.put("aim", aim == Aim.CHARACTERS ? "every written character equally likely" : "every class equally likely");
        entry.put("prior", "class frequencies of " + train.size() + " EMNIST images"
                + (strokes != null ? " and " + strokes.getFileName() + " (" + strokeVariants + " renderings each)" : ""));
        entry.put("for", scope == Scope.PEN ? "a character drawn alone" : "every input");
        if (scope == Scope.PEN) {
            // Only the metadata changes: the weights are copied byte for byte.
            PenPrior prior = new PenPrior(String.format(java.util.Locale.ROOT, "%s (τ = %.2f), instead of the %s",
                    entry.get("aim"), tau, entry.get("prior")), shift);
            ModelFile.copyWithMetadata(model, out, m -> m.withRecipeEntry("logit_adjustment", entry).withPenPrior(prior));
        } else {
            try (LoadedModel loaded = ModelFile.load(model)) {
                LogitAdjustment.apply(loaded.network(), shift);
                ModelFile.save(out, loaded.network(), loaded.metadata().withRecipeEntry("logit_adjustment", entry));
            }
        }
        console.printf("Adjusted %s by τ = %.2f for its classes' training frequencies, aiming at %s, for %s; "
                + "saved %s%n", model, tau, entry.get("aim"), entry.get("for"), out);
        return 0;
    }
}
