package io.neuralscribe.server;

import io.neuralscribe.data.DownloadProgress;
import io.neuralscribe.data.EmnistDownloader;
import io.neuralscribe.data.EmnistRepository;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.model.EpochRecord;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.train.CandidateComparison;
import io.neuralscribe.train.TrainingJob;
import io.neuralscribe.train.TrainingOptions;
import io.neuralscribe.train.TrainingOutcome;
import io.neuralscribe.train.TrainingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs one training at a time on its own thread while predictions go on with the current model.
 * Every event goes to every client. A training that finishes leaves a <em>candidate</em> beside
 * the current model, both evaluated on the same test images; nothing changes in service until a
 * person keeps one ({@link ServedModels#keep}). A cancelled or failed run leaves no candidate.
 * Cancel holds at every stage: while the data loads, during each epoch and both evaluations, up to
 * the moment the candidate is kept. What clients are told names no folder of the server beyond
 * the data folder a plan reports (the log has the details).
 */
public final class TrainingCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingCoordinator.class);
    /** About how much the official archive of every split weighs (NIST's gzip.zip). */
    private static final long ARCHIVE_BYTES = 535_000_000L;
    /**
     * An evaluation runs the network forward only, about a third of a training step's work (forward,
     * backward, update): the plan estimates the final evaluation's time from the training speed so.
     */
    private static final double EVALUATION_SPEEDUP = 3;

    private final ServedModels models;
    private final TrainingSettings settings;
    private final Consumer<Object> broadcast;
    private final boolean allowDownload;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "training");
        thread.setDaemon(true);
        return thread;
    });
    private RunningTraining current;
    /** Training images a second, measured by the last run on this server (0: none yet). */
    private volatile double measuredSpeed;

    /**
     * @param allowDownload whether missing EMNIST data may be downloaded for a training (several
     *     hundred megabytes); otherwise a plan says how to get the data and a training is refused
     */
    public TrainingCoordinator(ServedModels models, TrainingSettings settings, Consumer<Object> broadcast,
            boolean allowDownload) {
        this.models = models;
        this.settings = settings;
        this.broadcast = broadcast;
        this.allowDownload = allowDownload;
    }

    /**
     * What training {@code model} for {@code epochs} would do: its data, what must be downloaded,
     * and how long it would take at the speed last measured.
     *
     * @param evalLimit test images of the final evaluation (0 = all)
     */
    public Outbound.TrainingPlan plan(String model, int epochs, int evalLimit) throws java.io.IOException {
        String name = models.info(model).name();
        ModelMetadata metadata = models.metadata(name);
        EmnistSplit split = EmnistSplit.parse(metadata.split());
        TrainingJob.Plan plan = job(split, evalLimit, null).plan();
        boolean canStart = plan.dataPresent() || allowDownload;
        double speed = measuredSpeed;
        String speedFrom = speed > 0 ? "the last training on this server" : "the model's own training";
        if (!(speed > 0)) {
            double seconds = metadata.history().stream().mapToDouble(EpochRecord::epochSeconds).average().orElse(0);
            speed = seconds > 0 ? metadata.trainingImages() / seconds : 0;
        }
        Double estimate = speed > 0 ? (double) epochs * plan.trainingImages() / speed
                + 2.0 * plan.testImages() / (speed * EVALUATION_SPEEDUP) : null;
        return new Outbound.TrainingPlan(name, epochs, plan.folder().toString(), plan.dataPresent(),
                plan.dataPresent() ? 0 : ARCHIVE_BYTES, plan.trainingImages(), plan.testImages(), estimate,
                estimate == null ? null : speedFrom, canStart, canStart ? null : noDataMessage(split));
    }

    private static String noDataMessage(EmnistSplit split) {
        return "The EMNIST " + split.id() + " data is not on the server: restart it with --allow-download "
                + "(about 535 MB) or put the files in its data folder.";
    }

    private TrainingJob job(EmnistSplit split, int evalLimit, DownloadProgress download) {
        EmnistRepository repository = new EmnistRepository(settings.directoryFor(split.id()),
                download != null && allowDownload ? new EmnistDownloader(download) : null);
        return new TrainingJob(repository, split).seed(TrainingOptions.DEFAULTS.seed()).limit(settings.limit())
                .evalLimit(evalLimit);
    }

    /**
     * Starts training {@code model} (null: the default) for {@code epochs}; refuses a second one, and
     * one whose data is missing when it may not be downloaded (an expected condition: no stack trace).
     *
     * @param evalLimit test images of the final evaluation (0 = all)
     */
    public synchronized void start(String model, int epochs, int evalLimit) throws ProtocolException {
        if (current != null) {
            throw new ProtocolException("training_in_progress",
                    "a training of " + current.model + " is already running; wait for it or cancel it", 409);
        }
        String name = models.info(model).name();
        ModelMetadata metadata = models.metadata(name);
        EmnistSplit split = EmnistSplit.parse(metadata.split());
        try {
            if (!allowDownload && !job(split, evalLimit, null).plan().dataPresent()) {
                throw new ProtocolException("no_training_data", noDataMessage(split), 409);
            }
        } catch (java.io.IOException e) {
            throw new ProtocolException("no_training_data", "The EMNIST " + split.id()
                    + " data on the server cannot be read: " + withoutFolders(String.valueOf(e.getMessage())), 409);
        }
        RunningTraining run = new RunningTraining(name, epochs, evalLimit);
        current = run;
        worker.submit(() -> run(run, metadata, split));
    }

    /** @return whether a training was running (and had not yet left its candidate) */
    public synchronized boolean cancel() {
        if (current == null || current.finishing) {
            return false;
        }
        current.cancelled.set(true);
        return true;
    }

    /** The training under way, or {@code null}. */
    public synchronized Outbound.TrainingState state() {
        return current == null ? null : current.state();
    }

    public synchronized boolean running() {
        return current != null;
    }

    private void run(RunningTraining run, ModelMetadata base, EmnistSplit split) {
        Path staged = null;
        PageTrainingEvents events = new PageTrainingEvents(run, broadcast);
        try {
            TrainingJob.Data data = job(split, run.evalLimit, events.download()).load(LOG::info);
            ImageDataset train = data.train();
            checkCancelled(run);
            if (!train.classNames().equals(base.classes())) {
                // The candidate would stand in for this model under its name, with other classes than the page shows.
                throw new IllegalStateException("the " + split.id() + " training data has " + train.numClasses()
                        + " classes " + abbreviate(train.classNames()) + ", but the " + run.model + " model reads "
                        + base.numClasses() + " " + abbreviate(base.classes()));
            }
            TrainingOptions options = TrainingOptions.builder().architecture(base.architectureKind())
                    .epochs(run.totalEpochs).batchSize(Math.min(settings.batchSize(), train.size()))
                    .evalLimit(settings.evalLimit()).build();
            staged = models.stagedPath(run.model);
            Files.createDirectories(staged.getParent());
            run.trainingImages = train.size();
            broadcast.accept(new Outbound.TrainingStarted(run.model, run.totalEpochs, train.size(), data.test().size()));
            TrainingOutcome outcome = new TrainingRun(options, events, run.cancelled::get)
                    .run(train, data.test(), split.id(), data.trainedOn(), staged);
            measuredSpeed = outcome.samplesPerSecond();
            ImageDataset test = data.test();
            events.evaluated("current", 0, test.size(), true);
            double currentAccuracy = CandidateComparison.accuracyOf(models.servingPath(run.model), test, images -> {
                checkCancelled(run);
                events.evaluated("current", images, test.size(), images == test.size());
            });
            CandidateComparison comparison = new CandidateComparison(test.name(), test.size(), currentAccuracy,
                    outcome.evaluation().accuracy());
            synchronized (this) {
                checkCancelled(run);
                run.finishing = true;
            }
            models.offerCandidate(run.model, staged, comparison);
            finish(run);
            broadcast.accept(new Outbound.TrainingComplete(run.model, comparison.candidateAccuracy(),
                    outcome.metadata().history(), models.info(run.model)));
            LOG.info("Training of {} finished: the candidate reads {} % of {}, the current model {} %", run.model,
                    comparison.candidateAccuracy() * 100, test.name(), currentAccuracy * 100);
        } catch (CancellationException e) {
            finish(run);
            broadcast.accept(new Outbound.TrainingCancelled(run.model, "training cancelled; the previous model still serves"));
        } catch (Throwable e) {
            LOG.warn("Training of {} failed", run.model, e);
            finish(run);
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            broadcast.accept(new Outbound.TrainingError(run.model, "training failed: " + withoutFolders(reason)
                    + " — the previous model still serves"));
        } finally {
            if (staged != null) {
                try {
                    Files.deleteIfExists(staged);
                } catch (java.io.IOException ignored) {
                    // Nothing serves from the staged file; a leftover is removed at the next start.
                }
            }
        }
    }

    private static void checkCancelled(RunningTraining run) {
        if (run.cancelled.get()) {
            throw new CancellationException("training cancelled");
        }
    }

    /**
     * {@code /home/me/data/emnist/x.gz: truncated} → {@code x.gz: truncated}. A training error goes
     * to every client; the server's folders are none of their business.
     */
    static String withoutFolders(String text) {
        return ABSOLUTE_PATH.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                match.group(1).isEmpty() ? "(a folder)" : match.group(1)));
    }

    private static final java.util.regex.Pattern ABSOLUTE_PATH = java.util.regex.Pattern.compile(
            "(?<![\\w.~-])(?:[A-Za-z]:)?[\\\\/](?:[^\\s\\\\/:\"'(),;]+[\\\\/])+([^\\s\\\\/:\"'(),;]*)");

    private static String abbreviate(List<String> classes) {
        String text = String.join(" ", classes);
        return "(" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + ")";
    }

    private synchronized void finish(RunningTraining run) {
        if (current == run) {
            current = null;
        }
    }

    @Override
    public void close() {
        cancel();
        worker.shutdownNow();
    }
}
