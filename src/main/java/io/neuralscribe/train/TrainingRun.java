package io.neuralscribe.train;

import io.neuralscribe.raster.Grid;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.optimizer.Optimizer;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.data.ImageSample;
import io.neuralscribe.model.ComputeDevice;
import io.neuralscribe.model.EpochRecord;
import io.neuralscribe.model.Evaluation;
import io.neuralscribe.model.InputEncoding;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.model.Normalization;
import io.neuralscribe.model.StagedNetwork;
import io.neuralscribe.model.TorchThreads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One training of a network with its recipe: AdamW under cosine warm restarts, focal loss
 * with label smoothing on Mixup targets, global gradient clipping, an evaluation after every epoch
 * and a final one on the whole test set. The model file is written only when everything succeeded.
 */
public final class TrainingRun {
    private final TrainingOptions options;
    private final TrainingObserver listener;
    private final BooleanSupplier cancelled;
    private final boolean cycleCheckpoints;
    private Path warmStart;
    private boolean resume;

    /** A run that keeps no checkpoints. */
    public TrainingRun(TrainingOptions options, TrainingObserver listener, BooleanSupplier cancelled) {
        this(options, listener, cancelled, false);
    }

    /**
     * @param cycleCheckpoints save the run after every epoch (beside {@code out}, as
     *     {@code name.checkpoint.nsmodel}, removed at the end) so that {@link #resume} can go on after an
     *     interruption, and keep the model at the end of each warm-restart cycle before the last epoch
     *     (as {@code name.epochN.nsmodel})
     */
    public TrainingRun(TrainingOptions options, TrainingObserver listener, BooleanSupplier cancelled,
            boolean cycleCheckpoints) {
        this.options = options;
        this.listener = listener;
        this.cancelled = cancelled;
        this.cycleCheckpoints = cycleCheckpoints;
    }

    /**
     * Starts from the weights of an existing model (same architecture and classes) instead of
     * random ones; its history and recipe are kept in the new model's metadata.
     */
    public TrainingRun warmStartFrom(Path model) {
        this.warmStart = model;
        return this;
    }

    /**
     * Goes on from the checkpoint that an interrupted run of the same command left beside its output
     * ({@link #checkpointPath}): its weights, history and place in the learning-rate schedule. The
     * optimizer's moment estimates are not kept in a model file, so AdamW starts them afresh, which
     * costs a few hundred noisier steps and nothing more.
     */
    public TrainingRun resume() {
        this.resume = true;
        return this;
    }

    /**
     * @param split the EMNIST split the data comes from (written into the model file)
     * @param trainedOn how the training data must be described wherever a figure is reported
     * @param out where the model goes; written atomically, and only on success
     */
    public TrainingOutcome run(ImageDataset train, ImageDataset test, String split, String trainedOn, Path out)
            throws IOException, InterruptedException {
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("training and test data have different classes");
        }
        if (train.size() < options.batchSize()) {
            throw new IllegalArgumentException("only " + train.size() + " training images for a batch of "
                    + options.batchSize());
        }
        Engine.getEngine("PyTorch").setRandomSeed((int) options.seed());
        TorchThreads.use(TorchThreads.configured());
        FocalLoss loss = options.loss();
        ImageDataset perEpochTest = test.limit(options.evalLimit(), options.seed());
        StagedNetwork network = options.architecture().build(train.numClasses());

        try (Model model = Model.newInstance(options.architecture().id(), ComputeDevice.current(), "PyTorch");
                BatchSource batches = new BatchSource(train, options)) {
            model.setBlock(network);
            Path checkpoint = checkpointPath(out);
            if (resume && !Files.isRegularFile(checkpoint)) {
                throw new IllegalArgumentException("there is no checkpoint to resume from at " + checkpoint);
            }
            Path start = resume ? checkpoint : warmStart;
            ModelMetadata base = start == null ? null : ModelFile.loadWeightsInto(start, network, model.getNDManager());
            Progress done = resume ? Progress.of(base, options.epochs(), checkpoint) : Progress.NONE;
            if (base != null && (!base.classes().equals(train.classNames())
                    || base.architectureKind() != options.architecture())) {
                throw new IllegalArgumentException(warmStart + " is a " + base.architecture() + " model of "
                        + base.numClasses() + " classes; it cannot start a " + options.architecture().id()
                        + " training on " + train.numClasses() + " classes");
            }
            // Weights trained on one normalization keep it.
            Normalization normalization = base != null ? base.normalization() : Normalization.measure(train.images());
            List<EpochRecord> history = new ArrayList<>(base != null ? base.history() : List.of());
            int firstEpoch = resume ? done.baseEpochs() : history.size();
            WarmRestartSchedule schedule = new WarmRestartSchedule(options.learningRate(), 0,
                    options.restartFirstCycle(), options.restartGrowth(), batches.batchesPerEpoch());
            int skippedUpdates = done.epochs() * batches.batchesPerEpoch();
            Optimizer optimizer = Optimizer.adamW()
                    .optLearningRateTracker(skippedUpdates == 0 ? schedule : schedule.after(skippedUpdates))
                    .optWeightDecays((float) options.weightDecay())
                    .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(optimizer)
                    .optInitializer(new XavierInitializer(
                            XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                            Parameter.Type.WEIGHT);
            GradientClipper clipper = options.clipNorm() > 0 ? new GradientClipper((float) options.clipNorm()) : null;
            DatasetEvaluator evaluator = new DatasetEvaluator(network, normalization, loss);

            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(options.batchSize(), 1, Grid.SIDE, Grid.SIDE));
                int perEpoch = batches.batchesPerEpoch();
                listener.started(options.epochs(), perEpoch, train.size());
                double trainingSeconds = 0;
                long samples = 0;
                for (int epoch = done.epochs() + 1; epoch <= options.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    BatchSource.Epoch stream = batches.epoch(epoch);
                    double lossSum = 0;
                    int seen = 0;
                    TrainingBatch batch;
                    while ((batch = stream.next()) != null) {
                        if (cancelled.getAsBoolean()) {
                            stream.cancel();
                            throw new CancellationException("training cancelled");
                        }
                        float batchLoss = step(trainer, clipper, loss, normalization, batch, train.numClasses());
                        if (!Float.isFinite(batchLoss)) {
                            stream.cancel();
                            throw new IllegalStateException("the loss became " + batchLoss + " in epoch " + epoch);
                        }
                        lossSum += batchLoss;
                        seen++;
                        samples += batch.count();
                        listener.batch(epoch, seen, perEpoch, lossSum / seen);
                    }
                    double learningRate = schedule.rateAt(epoch - 1e-9);
                    trainingSeconds += (System.nanoTime() - epochStart) / 1e9;
                    EvaluationReport check = evaluator.evaluate(trainer.getManager(), perEpochTest, images -> checkCancelled());
                    double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
                    EpochRecord record = new EpochRecord(firstEpoch + epoch, lossSum / seen, check.meanLoss(), check.accuracy(),
                            epochSeconds, learningRate, perEpochTest.size());
                    history.add(record);
                    List<EpochRecord> thisRun = history.subList(firstEpoch, history.size());
                    double secondsSoFar = thisRun.stream().mapToDouble(EpochRecord::epochSeconds).sum();
                    listener.epoch(record, firstEpoch + options.epochs(), Eta.remainingSeconds(
                            secondsSoFar, thisRun.size(), thisRun.size() + options.epochs() - epoch));
                    if (cycleCheckpoints && epoch < options.epochs()) {
                        Map<String, Object> place = Map.of("base_epochs", firstEpoch, "done", epoch, "of", options.epochs());
                        ModelFile.save(checkpoint, network, metadata(base, split, train, normalization, trainedOn, history,
                                new Evaluation(perEpochTest.name(), perEpochTest.size(), check.accuracy()))
                                .withRecipeEntry(Progress.KEY, place));
                    }
                    if (cycleCheckpoints && epoch < options.epochs() && schedule.endsACycle(epoch)) {
                        // The rate is at its minimum here: keep this model in case a later cycle is cut short.
                        Path cycleEnd = checkpointPath(out, epoch);
                        ModelFile.save(cycleEnd, network, metadata(base, split, train, normalization, trainedOn, history,
                                new Evaluation(perEpochTest.name(), perEpochTest.size(), check.accuracy())));
                        listener.checkpoint(cycleEnd, epoch);
                    }
                }
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("training cancelled");
                }
                listener.evaluating(test.size());
                EvaluationReport report = evaluator.evaluate(trainer.getManager(), test, images -> {
                    checkCancelled();
                    listener.evaluated(images, test.size());
                });
                ModelMetadata metadata = metadata(base, split, train, normalization, trainedOn, history,
                        new Evaluation(test.name(), test.size(), report.accuracy()));
                ModelFile.save(out, network, metadata);
                Files.deleteIfExists(checkpoint);
                return new TrainingOutcome(out, metadata, report, samples / trainingSeconds, batches.buildSeconds());
            }
        }
    }

    /** Cancel holds at every stage: between batches, and between the evaluations' batches too. */
    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("training cancelled");
        }
    }

    private ModelMetadata metadata(ModelMetadata base, String split, ImageDataset train, Normalization normalization,
            String trainedOn, List<EpochRecord> history, Evaluation evaluation) {
        Map<String, Object> recipe = new LinkedHashMap<>(options.describe());
        if (resume && base != null) {
            Object start = base.recipe().get("warm_start");
            if (start != null) {
                recipe.put("warm_start", start);
            }
        } else if (base != null) {
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("model", warmStart.getFileName().toString());
            start.put("epochs", base.history().size());
            start.put("recipe", base.recipe());
            recipe.put("warm_start", start);
        }
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, options.architecture().id(), split, train.classNames(),
                normalization, trainedOn, train.size(), recipe, history, evaluation, Instant.now().toString(),
                ImageSample.of(train), LogitAdjustment.penPrior(LogitAdjustment.classCounts(train),
                        train.classNames(), LogitAdjustment.PEN_TAU, trainedOn));
    }

    /** {@code models/x.nsmodel} → {@code models/x.checkpoint.nsmodel}: the run so far, after every epoch. */
    public static Path checkpointPath(Path out) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".checkpoint"
                + (dot > 0 ? name.substring(dot) : ""));
    }

    /** How far a checkpointed run had come. */
    private record Progress(int baseEpochs, int epochs) {
        static final String KEY = "resume";
        static final Progress NONE = new Progress(0, 0);

        static Progress of(ModelMetadata checkpoint, int totalEpochs, Path file) {
            if (!(checkpoint.recipe().get(KEY) instanceof Map<?, ?> place)
                    || !(place.get("base_epochs") instanceof Number base) || !(place.get("done") instanceof Number done)
                    || !(place.get("of") instanceof Number of)) {
                throw new IllegalArgumentException(file + " is not a training checkpoint");
            }
            if (of.intValue() != totalEpochs) {
                throw new IllegalArgumentException(file + " is a checkpoint of a " + of + "-epoch run; resume it with --epochs "
                        + of);
            }
            return new Progress(base.intValue(), done.intValue());
        }
    }

    /** {@code models/x.nsmodel} → {@code models/x.epoch10.nsmodel}. */
    static Path checkpointPath(Path out, int epoch) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return out.resolveSibling(stem + ".epoch" + epoch + extension);
    }

    private static float step(Trainer trainer, GradientClipper clipper, FocalLoss loss, Normalization normalization,
            TrainingBatch batch, int classes) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray x = InputEncoding.toTensor(manager, batch.images(), batch.count(), normalization);
            NDArray y = manager.create(batch.targets(), new Shape(batch.count(), classes));
            float value;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                NDArray batchLoss = loss.evaluate(new NDList(y), predictions);
                collector.backward(batchLoss);
                value = batchLoss.getFloat();
            }
            if (clipper != null) {
                clipper.clip(trainer.getModel().getBlock().getParameters());
            }
            trainer.step();
            return value;
        }
    }
}
