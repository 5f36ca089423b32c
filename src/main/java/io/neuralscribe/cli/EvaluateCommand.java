package io.neuralscribe.cli;

import io.neuralscribe.data.SnakeCaseJson;
import io.neuralscribe.train.TrainingOptions;
import io.neuralscribe.data.DataLocation;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.data.ImageSample;
import io.neuralscribe.data.EmnistDownloader;
import io.neuralscribe.data.EmnistRepository;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.StrokeFile;
import io.neuralscribe.data.WriterSplit;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.inference.WordList;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.model.ShippedModels;
import io.neuralscribe.data.ClassFolding;
import io.neuralscribe.train.EvaluationReport;
import io.neuralscribe.train.DatasetEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code neuralscribe evaluate}: accuracy, per-class accuracy and the most confused pairs. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on an EMNIST test file: overall and per-class accuracy, most confused pairs.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--model", description = "model file (default: the shipped ByMerge model)")
    Path model;

    @Option(names = "--split", converter = Converters.Split.class,
            description = "EMNIST split to test on (default: the model's own)")
    EmnistSplit split;

    @Option(names = "--data", description = "EMNIST folder (default: $NEURALSCRIBE_DATA, then data/emnist)")
    Path data;

    @Option(names = "--limit", defaultValue = "0", description = "evaluate on at most this many images "
            + "(default: ${DEFAULT-VALUE}; 0 = all)")
    int limit;

    @Option(names = "--fold-case", description = "read a case-sensitive model's answers in a merged split's classes "
            + "(e.g. a ByClass model on the ByMerge test file: c→C, o→O, ...)")
    boolean foldCase;

    @Option(names = "--test-description", description = "how to name the test images in the report (default: the file name)")
    String testDescription;

    @Option(names = "--json", description = "also write the full report to this JSON file "
            + "(default: none; the report is only printed)")
    Path json;

    @picocli.CommandLine.Mixin
    AdaptOptions adapt = new AdaptOptions();

    @Option(names = "--strokes", description = "evaluate on the pen-stroke characters of this JSON-lines file instead, "
            + "replayed through the serving path (renderer, test-time augmentation; default: none; an EMNIST test file)")
    Path strokes;

    @Option(names = "--hinted", description = "with --strokes: choose each answer among the classes its writer was "
            + "asked for (digits, upper case, lower case), as the page's \"what are you writing\" control does")
    boolean hinted;

    @Option(names = "--held-apart", description = "with --strokes, --adapt or --lines: only the writers that training "
            + "holds apart for tuning")
    boolean heldApart;

    @Option(names = "--sheet", description = "with --strokes: write a PNG of the worst mistakes "
            + "(strokes | network's view | truth | answer; default: none; no picture)")
    Path sheet;

    @Option(names = "--lines", paramLabel = "FILE.jsonl", description = "instead, read lines composed from this "
            + "stroke file's writers (3-8 of each writer's own characters) and print segmentation, character and line accuracy "
            + "(default: none; an EMNIST test file)")
    Path lines;

    @Option(names = "--lines-per-kind", defaultValue = "4",
            description = "with --lines: lines of each kind (digits, letters, mixed, 5-digit numbers) per writer "
            + "(default: ${DEFAULT-VALUE})")
    int linesPerKind;

    @Option(names = "--lines-seed", defaultValue = "7", description = "with --lines: the seed that composes the lines "
            + "(default: ${DEFAULT-VALUE})")
    long linesSeed;

    @Option(names = "--words", paramLabel = "FILE", description = "with --lines: a word list (one word a line) "
            + "for context (default: none; the composed lines are not words)")
    Path words;

    @Override
    public Integer call() throws Exception {
        device.select();
        PrintWriter out = spec.commandLine().getOut();
        Path modelFile = model != null ? model : ShippedModels.defaultModel();
        if (strokes != null) {
            return StrokeEvaluationCommand.run(out, modelFile, strokes, limit, hinted, heldApart, sheet, json);
        }
        if (lines != null) {
            return evaluateLines(out, modelFile);
        }
        try (LoadedModel loaded = ModelFile.load(modelFile)) {
            if (adapt.file != null) {
                AdaptationEvaluation.run(out, modelFile, loaded, adapt, heldApart);
                return 0;
            }
            EmnistSplit testSplit = split != null ? split : EmnistSplit.parse(loaded.metadata().split());
            Path dataDir = DataLocation.resolve(data);
            ImageDataset test = new EmnistRepository(dataDir, new EmnistDownloader(new DownloadBar(System.out)))
                    .load(testSplit, EmnistSplit.Part.TEST);
            int[] classMap;
            if (test.classNames().equals(loaded.metadata().classes())) {
                classMap = ClassFolding.identity(test.numClasses());
            } else if (foldCase) {
                classMap = ClassFolding.fold(loaded.metadata().classes(), test.classNames());
            } else {
                throw new IllegalArgumentException("the model knows " + loaded.metadata().numClasses()
                        + " classes of " + loaded.metadata().split() + ", the test file has " + test.numClasses()
                        + " of " + testSplit.id() + (test.numClasses() < loaded.metadata().numClasses()
                        ? " (--fold-case reads a case-sensitive model in merged classes)" : ""));
            }
            test = test.limit(limit, TrainingOptions.DEFAULTS.seed());
            if (testDescription != null) {
                test = test.named(testDescription);
            }
            out.printf("Evaluating %s (%s, trained on %s)%n", modelFile, loaded.metadata().architecture(),
                    loaded.metadata().trainedOn());
            out.flush();
            ProgressBar bar = new ProgressBar(System.out, "evaluate", test.size(), "images");
            EvaluationReport report = new DatasetEvaluator(loaded.network(), loaded.metadata().normalization(),
                    TrainingOptions.DEFAULTS.loss()).evaluate(loaded.manager(), test, done -> bar.update(done, null), classMap);
            print(out, report);
            ImageSample.Overlap overlap = trainingOverlap(out, loaded.metadata().trainingSample(), test);
            if (json != null) {
                com.fasterxml.jackson.databind.node.ObjectNode written = SnakeCaseJson.MAPPER.valueToTree(report);
                written.set("training_overlap", overlap == null ? null : SnakeCaseJson.MAPPER.createObjectNode()
                        .put("sampled", overlap.sampled()).put("found", overlap.found())
                        .put("training_share", overlap.trainingShare()).put("test_share", overlap.testShare())
                        .put("overstates_accuracy", overlap.noticeable()));
                SnakeCaseJson.INDENTED.writeValue(json.toFile(), written);
                out.println("Report written to " + json.toAbsolutePath());
            }
        }
        return 0;
    }

    /**
     * Looks for the model's sampled training images among the test images and warns when a
     * noticeable share is there: the accuracy just printed is then partly measured on images the
     * model learned.
     *
     * @return the overlap, or {@code null} when the model file records no sample of its training images
     */
    private static ImageSample.Overlap trainingOverlap(PrintWriter out, ImageSample sample, ImageDataset test) {
        if (sample == null) {
            out.println("This model file records no sample of its training images: whether they are in this test "
                    + "set cannot be checked.");
            return null;
        }
        ImageSample.Overlap overlap = sample.overlapWith(test);
        if (overlap.noticeable()) {
            out.printf("Warning: about %d %% of this model's training images are in this test set (%,d of %,d sampled),"
                    + " about %d %% of its images: the figure overstates accuracy.%n", percent(overlap.trainingShare()),
                    overlap.found(), overlap.sampled(), percent(overlap.testShare()));
        }
        out.flush();
        return overlap;
    }

    /** A share as a whole percentage; a share that is there at all is at least 1 %. */
    private static long percent(double share) {
        return share > 0 ? Math.max(1, Math.round(share * 100)) : 0;
    }

    private int evaluateLines(PrintWriter out, Path modelFile) throws Exception {
        List<StrokeSample> samples = heldApart ? WriterSplit.heldApart(StrokeFile.read(lines)) : StrokeFile.read(lines);
        WordList wordList = words == null ? null : WordList.read(words);
        // One worker of one PyTorch thread, as each of the server's workers; it owns the model from here on.
        try (PredictionService service = new PredictionService(false, 1, 1)) {
            String name = modelFile.getFileName().toString();
            service.put(name, ModelFile.load(modelFile));
            ModelMetadata metadata = service.predictor(name).metadata();
            LineEvaluation evaluation = new LineEvaluation(service, name, wordList);
            out.printf("%s (%s, trained on %s); lines from %s (%,d samples%s)%s%n", modelFile,
                    metadata.architecture(), metadata.trainedOn(), lines.getFileName(), samples.size(),
                    heldApart ? ", the writers held apart" : "",
                    wordList == null ? "" : "; word list " + words + " (" + wordList.size() + " words)");
            evaluation.run(samples, linesPerKind, linesSeed, out);
            evaluation.time(samples, linesSeed, out);
        }
        return 0;
    }

    static void print(PrintWriter out, EvaluationReport report) {
        out.printf("Accuracy: %.2f %% top-1 on %s (%,d images)%n", report.accuracy() * 100, report.dataset(),
                report.images());
        out.println("Per class:");
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (EvaluationReport.ClassAccuracy c : report.perClass()) {
            line.append(String.format("  %s %6.2f %%", c.label(), c.accuracy() * 100));
            if (++column % 6 == 0) {
                out.println(line);
                line.setLength(0);
            }
        }
        if (line.length() > 0) {
            out.println(line);
        }
        out.println("Most confused (actual → predicted: images):");
        for (EvaluationReport.Confusion c : report.confusions()) {
            out.printf("  %s → %s: %,d%n", c.actual(), c.predicted(), c.count());
        }
        out.flush();
    }
}
