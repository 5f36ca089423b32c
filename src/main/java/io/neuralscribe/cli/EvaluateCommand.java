package io.neuralscribe.cli;

import io.neuralscribe.train.TrainingOptions;
import io.neuralscribe.data.DataLocation;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.data.EmnistDownloader;
import io.neuralscribe.data.EmnistRepository;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.StrokeFile;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.inference.WordList;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
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

    @Option(names = "--limit", defaultValue = "0", description = "evaluate on at most this many images (0 = all)")
    int limit;

    @Option(names = "--fold-case", description = "read a case-sensitive model's answers in a merged split's classes "
            + "(e.g. a ByClass model on the ByMerge test file: c→C, o→O, ...)")
    boolean foldCase;

    @Option(names = "--test-description", description = "how to name the test images in the report (default: the file name)")
    String testDescription;

    @Option(names = "--json", description = "also write the full report to this JSON file")
    Path json;

    @picocli.CommandLine.Mixin
    AdaptOptions adapt = new AdaptOptions();

    @Option(names = "--strokes", description = "evaluate on the pen-stroke characters of this JSON-lines file instead, "
            + "replayed through the serving path (renderer, test-time augmentation)")
    Path strokes;

    @Option(names = "--hinted", description = "with --strokes: choose each answer among the classes its writer was "
            + "asked for (digits, upper case, lower case), as the page's \"what are you writing\" control does")
    boolean hinted;

    @Option(names = "--held-apart", description = "with --strokes or --adapt: only the writers that training holds apart for tuning")
    boolean heldApart;

    @Option(names = "--sheet", description = "with --strokes: write a PNG of the worst mistakes "
            + "(strokes | network's view | truth | answer)")
    Path sheet;

    @Option(names = "--lines", paramLabel = "FILE.jsonl", description = "instead, read lines composed from this "
            + "stroke file's writers (3-8 of each writer's own characters) and print segmentation, character and line accuracy")
    Path lines;

    @Option(names = "--lines-per-kind", defaultValue = "4",
            description = "with --lines: lines of each kind (digits, letters, mixed, 5-digit numbers) per writer")
    int linesPerKind;

    @Option(names = "--lines-seed", defaultValue = "7", description = "with --lines: the seed that composes the lines")
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
            if (json != null) {
                ModelFile.json().writeValue(json.toFile(), report);
                out.println("Report written to " + json.toAbsolutePath());
            }
        }
        return 0;
    }

    private int evaluateLines(PrintWriter out, Path modelFile) throws Exception {
        List<StrokeSample> samples = StrokeFile.read(lines);
        WordList wordList = words == null ? null : WordList.read(words);
        try (LoadedModel loaded = ModelFile.load(modelFile)) {
            LineEvaluation evaluation = new LineEvaluation(
                    new Predictor(modelFile.getFileName().toString(), loaded), wordList);
            out.printf("%s (%s, trained on %s); lines from %s (%,d samples)%s%n", modelFile,
                    loaded.metadata().architecture(), loaded.metadata().trainedOn(), lines.getFileName(), samples.size(),
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
