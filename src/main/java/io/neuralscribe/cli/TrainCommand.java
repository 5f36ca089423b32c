package io.neuralscribe.cli;

import io.neuralscribe.data.DataLocation;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.data.ImageSample;
import io.neuralscribe.data.EmnistDownloader;
import io.neuralscribe.data.EmnistRepository;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.EpochRecord;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.train.AugmentOptions;
import io.neuralscribe.train.CandidateComparison;
import io.neuralscribe.train.TrainingJob;
import io.neuralscribe.train.TrainingObserver;
import io.neuralscribe.train.TrainingOptions;

import static io.neuralscribe.train.TrainingOptions.DEFAULTS;
import io.neuralscribe.train.TrainingOutcome;
import io.neuralscribe.train.TrainingRun;
import io.neuralscribe.train.WarmRestartSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code neuralscribe train}: trains a network with the standard recipe (or changes to it) and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network on EMNIST (and, with --strokes, real pen strokes) and save it as a model file.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--split", defaultValue = "bymerge", converter = Converters.Split.class,
            description = "EMNIST split: byclass, bymerge, balanced, letters, digits, mnist (default: ${DEFAULT-VALUE})")
    EmnistSplit split;

    @Option(names = "--arch", converter = Converters.Arch.class,
            description = "network: compact or resnet-se (default: compact)")
    Architecture architecture = DEFAULTS.architecture();

    @Option(names = "--epochs", description = "epochs (default: ${DEFAULT-VALUE}; "
            + "the warm restarts end a cycle at 10, 30, 70, ...)")
    int epochs = DEFAULTS.epochs();

    @Option(names = "--batch-size", description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize = DEFAULTS.batchSize();

    @Option(names = "--limit", defaultValue = "0", description = "train on at most this many images "
            + "(default: ${DEFAULT-VALUE}; 0 = all)")
    int limit;

    @Option(names = "--seed", description = "random number generator seed (default: ${DEFAULT-VALUE})")
    long seed = DEFAULTS.seed();

    @Option(names = "--data", description = "EMNIST folder (default: $NEURALSCRIBE_DATA, then data/emnist)")
    Path data;

    @Option(names = "--out", description = "model file to write (default: models/<split>-<arch>.nsmodel)")
    Path out;

    @Option(names = "--train-description", description = "how to describe the training images wherever a figure "
            + "is reported (default: the official partition or a subset of it, by count)")
    String trainDescription;

    @Option(names = "--test-description", description = "how to name the test images in the model's evaluation "
            + "(default: the official file name)")
    String testDescription;

    @Option(names = "--init", description = "start from this model's weights (same architecture and classes) "
            + "instead of random ones: fine-tuning (default: none; random weights)")
    Path init;

    @Option(names = "--strokes", description = "also train on the pen-stroke characters of this JSON-lines file "
            + "(rendered as served; about one writer in ten is held apart for tuning; default: none; EMNIST only)")
    Path strokes;

    @Option(names = "--stroke-variants", defaultValue = "3",
            description = "renderings of each stroke sample: one as written, the rest varied (default: ${DEFAULT-VALUE})")
    int strokeVariants;

    @Option(names = "--resume", description = "go on from the checkpoint an interrupted run of this command left "
            + "beside --out (the run saves one after every epoch)")
    boolean resume;

    @Option(names = "--keep", arity = "1", paramLabel = "candidate|current", converter = Converters.Keep.class, description = "when --out already holds a model: "
            + "keep the new one (candidate) or the old one (current) without asking; the other is set aside as "
            + "NAME.set-aside.nsmodel (default: ask, or keep the current one when there is no one to ask)")
    CandidatePrompt.Keep keep;

    @Option(names = "--lr", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    double learningRate = DEFAULTS.learningRate();

    @Option(names = "--restart-period",
            description = "epochs in the first warm-restart cycle, T0 (default: ${DEFAULT-VALUE}; each next cycle is twice as long)")
    double restartPeriod = DEFAULTS.restartFirstCycle();

    @Option(names = "--eval-limit",
            description = "test images used for each epoch's check (default: ${DEFAULT-VALUE}; 0 = all; "
                    + "given, it limits the final evaluation too, which otherwise uses all)")
    int evalLimit = DEFAULTS.evalLimit();

    @Option(names = "--focal-gamma", description = "focal loss γ (default: ${DEFAULT-VALUE}; 0 = cross-entropy)")
    double focalGamma = DEFAULTS.focalGamma();

    @Option(names = "--label-smoothing", description = "label smoothing ε (default: ${DEFAULT-VALUE}; 0 = off)")
    double labelSmoothing = DEFAULTS.labelSmoothing();

    @Option(names = "--mixup-alpha", description = "Mixup α (default: ${DEFAULT-VALUE}; 0 = off)")
    double mixupAlpha = DEFAULTS.mixupAlpha();

    @Option(names = "--clip-norm", description = "gradient clipping norm (default: ${DEFAULT-VALUE}; 0 = off)")
    double clipNorm = DEFAULTS.clipNorm();

    @Option(names = "--no-affine", description = "switch off RandomAffine")
    boolean noAffine;

    @Option(names = "--no-perspective", description = "switch off RandomPerspective")
    boolean noPerspective;

    @Option(names = "--no-blur", description = "switch off GaussianBlur")
    boolean noBlur;

    @Option(names = "--no-erasing", description = "switch off RandomErasing")
    boolean noErasing;

    @Option(names = "--no-augment", description = "switch off all augmentation")
    boolean noAugment;

    @Option(names = "--sample-only", description = "do not train: record a sample of the training images these "
            + "options describe (--split, --data, --limit, --seed, --strokes, as the model was trained) in the --out "
            + "model file, so that evaluate can tell when a test set holds them")
    boolean sampleOnly;

    @Override
    public Integer call() throws Exception {
        device.select();
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 0 || evalLimit < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit and --eval-limit must be ≥ 0");
        }
        AugmentOptions augment = DEFAULTS.augment();
        if (noAugment) {
            augment = AugmentOptions.none();
        }
        if (noAffine) {
            augment = augment.withoutAffine();
        }
        if (noPerspective) {
            augment = augment.withoutPerspective();
        }
        if (noBlur) {
            augment = augment.withoutBlur();
        }
        if (noErasing) {
            augment = augment.withoutErasing();
        }
        TrainingOptions options;
        try {
            options = TrainingOptions.builder().architecture(architecture).epochs(epochs).batchSize(batchSize)
                    .seed(seed).learningRate(learningRate).restarts(restartPeriod, DEFAULTS.restartGrowth())
                    .focalGamma(focalGamma).labelSmoothing(labelSmoothing).mixupAlpha(mixupAlpha).clipNorm(clipNorm)
                    .augment(augment).evalLimit(evalLimit).build();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        WarmRestartSchedule schedule = new WarmRestartSchedule(1, 0, options.restartFirstCycle(), options.restartGrowth(), 1);
        if (!schedule.endsACycle(epochs)) {
            err.printf("note: %d epochs stop inside a warm-restart cycle (cycles end after %s, %s, %s, ... epochs);"
                    + " the learning rate will not have annealed to its minimum.%n", epochs,
                    fmt(restartPeriod), fmt(restartPeriod * 3), fmt(restartPeriod * 7));
        }
        Path dataDir = DataLocation.resolve(data);
        Path target = out != null ? out : Path.of("models", split.id() + "-" + architecture.id() + ".nsmodel");
        EmnistRepository repository = new EmnistRepository(dataDir, new EmnistDownloader(new DownloadBar(System.out)));
        boolean finalEvalLimited = spec.commandLine().getParseResult().hasMatchedOption("--eval-limit");
        TrainingJob job = new TrainingJob(repository, split).seed(seed).limit(limit)
                .evalLimit(finalEvalLimited ? evalLimit : 0).trainDescription(trainDescription)
                .testDescription(testDescription);
        if (strokes != null) {
            job.strokes(strokes, strokeVariants);
        }
        TrainingJob.Data prepared = job.load(line -> {
            console.println(line);
            console.flush();
        });
        ImageDataset train = prepared.train();
        if (sampleOnly) {
            return recordSample(console, target, train, prepared.trainedOn());
        }
        ImageDataset test = prepared.test();
        String trainedOn = prepared.trainedOn();
        console.printf("Training %s on %s; %,d test images%n", architecture.id(), trainedOn, test.size());
        console.flush();

        ProgressListener listener = new ProgressListener(console);
        TrainingRun run = new TrainingRun(options, listener, () -> false, true);
        if (init != null) {
            run.warmStartFrom(init);
        }
        if (resume) {
            run.resume();
            console.println("Resuming from " + TrainingRun.checkpointPath(target));
        } else if (init != null) {
            console.println("Starting from the weights of " + init);
        }
        boolean replaces = Files.isRegularFile(target) && !resume;
        Path written = replaces ? CandidateComparison.candidateFile(target) : target;
        TrainingOutcome outcome = run.run(train, test, split.id(), trainedOn, written);
        console.printf("Final: %.2f %% top-1 on %s (%,d images), trained on %s%n",
                outcome.evaluation().accuracy() * 100, outcome.evaluation().dataset(), outcome.evaluation().images(),
                trainedOn);
        console.printf("Training throughput %.0f samples/s (batch building took %.1f s on its own thread)%n",
                outcome.samplesPerSecond(), outcome.batchBuildSeconds());
        if (replaces) {
            new CandidatePrompt(console, keep).decide(target, written, test, outcome.evaluation().accuracy());
        } else {
            console.println("Saved " + target.toAbsolutePath() + " (" + Files.size(target) / 1024 + " KiB)");
        }
        return 0;
    }

    /** {@code --sample-only}: the model file's weights stay as they are; only its metadata gains the sample. */
    private int recordSample(PrintWriter console, Path target, ImageDataset train, String trainedOn) throws Exception {
        if (!Files.isRegularFile(target)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--sample-only adds to an existing model: " + target + " is not there (name it with --out)");
        }
        ModelMetadata metadata = ModelFile.readMetadata(target);
        if (!metadata.classes().equals(train.classNames())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), target + " knows the classes of "
                    + metadata.split() + ", not of " + split.id() + ": name the split it was trained on with --split");
        }
        ImageSample sample = ImageSample.of(train);
        ModelFile.updateMetadata(target, m -> m.withTrainingSample(sample));
        console.printf("Recorded a %,d-image sample of %s in %s%n", sample.sampled(), trainedOn, target);
        if (metadata.trainingImages() != train.size()) {
            console.printf("note: the model says it was trained on %,d images, these options describe %,d%n",
                    metadata.trainingImages(), train.size());
        }
        return 0;
    }

    private static String fmt(double epochs) {
        return epochs == Math.rint(epochs) ? String.valueOf((long) epochs) : String.valueOf(epochs);
    }

    /** Draws the per-epoch progress bar and prints each epoch's figures. */
    private static final class ProgressListener implements TrainingObserver {
        private final PrintWriter out;
        private ProgressBar bar;
        private int totalEpochs;

        ProgressListener(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void started(int epochs, int batchesPerEpoch, int trainingImages) {
            totalEpochs = epochs;
        }

        @Override
        public void batch(int epoch, int batch, int batchesPerEpoch, double meanLoss) {
            if (batch == 1) {
                bar = new ProgressBar(System.out, String.format("epoch %d/%d", epoch, totalEpochs), batchesPerEpoch,
                        "batches");
            }
            bar.update(batch, String.format("loss %.4f", meanLoss));
        }

        @Override
        public void epoch(EpochRecord r, int epochs, double etaSeconds) {
            out.printf("epoch %d/%d: train loss %.4f, test loss %.4f, accuracy %.2f %%, %.0f s, lr %.2e, ETA %s%n",
                    r.epoch(), epochs, r.trainLoss(), r.testLoss(), r.accuracy() * 100, r.epochSeconds(),
                    r.learningRate(), ProgressBar.format(java.time.Duration.ofSeconds((long) etaSeconds)));
            out.flush();
        }

        @Override
        public void checkpoint(Path file, int epoch) {
            out.println("Checkpoint after epoch " + epoch + " (end of a warm-restart cycle): " + file);
            out.flush();
        }

        @Override
        public void evaluating(int images) {
            out.printf("Evaluating on %,d test images...%n", images);
            out.flush();
        }
    }
}
