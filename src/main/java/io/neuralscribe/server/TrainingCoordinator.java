package io.neuralscribe.server;

import io.neuralscribe.data.DownloadProgress;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.data.EmnistDownloader;
import io.neuralscribe.data.EmnistRepository;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.model.EpochRecord;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.train.TrainingJob;
import io.neuralscribe.train.TrainingListener;
import io.neuralscribe.train.TrainingOptions;
import io.neuralscribe.train.TrainingOutcome;
import io.neuralscribe.train.TrainingRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one training at a time on its own thread while predictions go on with the current model.
 * Every event goes to every client. Only a training that finishes puts its model in service;
 * a cancelled or failed one leaves the serving model as it was. Cancel holds at every stage: while
 * the data loads, during each epoch and evaluation, and up to the moment the model goes into
 * service. What clients are told names no folder of the server (the log has the details).
 */
public final class TrainingCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingCoordinator.class);
    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final ServedModels models;
    private final TrainingSettings settings;
    private final Consumer<Object> broadcast;
    private final boolean allowDownload;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "training");
        thread.setDaemon(true);
        return thread;
    });
    private Job current;

    /** A training under way; its fields change on the training thread. */
    private static final class Job {
        final String model;
        final int totalEpochs;
        final AtomicBoolean cancelled = new AtomicBoolean();
        /** Set (under the coordinator's lock) once the model goes into service: too late to cancel. */
        boolean installing;
        final List<EpochRecord> history = new ArrayList<>();
        volatile int epoch;

        Job(String model, int totalEpochs) {
            this.model = model;
            this.totalEpochs = totalEpochs;
        }
    }

    /**
     * @param allowDownload whether missing EMNIST data may be downloaded for a training (several
     *     hundred megabytes); otherwise such a training fails and says how to get the data
     */
    public TrainingCoordinator(ServedModels models, TrainingSettings settings, Consumer<Object> broadcast,
            boolean allowDownload) {
        this.models = models;
        this.settings = settings;
        this.broadcast = broadcast;
        this.allowDownload = allowDownload;
    }

    /** Starts training {@code model} (null: the default) for {@code epochs}; refuses a second one. */
    public synchronized void start(String model, int epochs) throws ProtocolException {
        if (current != null) {
            throw new ProtocolException("training_in_progress",
                    "a training of " + current.model + " is already running; wait for it or cancel it", 409);
        }
        String name = models.info(model).name();
        ModelMetadata metadata = models.metadata(name);
        Job job = new Job(name, epochs);
        current = job;
        worker.submit(() -> run(job, metadata));
    }

    /** @return whether a training was running (and had not yet put its model in service) */
    public synchronized boolean cancel() {
        if (current == null || current.installing) {
            return false;
        }
        current.cancelled.set(true);
        return true;
    }

    /** The training under way, or {@code null}. */
    public synchronized Outbound.TrainingState state() {
        if (current == null) {
            return null;
        }
        synchronized (current.history) {
            return new Outbound.TrainingState(current.model, current.epoch, current.totalEpochs,
                    List.copyOf(current.history));
        }
    }

    public synchronized boolean running() {
        return current != null;
    }

    private void run(Job job, ModelMetadata base) {
        Path staged = null;
        try {
            EmnistSplit split = EmnistSplit.parse(base.split());
            EmnistRepository repository = new EmnistRepository(settings.directoryFor(split.id()),
                    allowDownload ? new EmnistDownloader(new PageDownloadProgress()) : null);
            if (!allowDownload && !(repository.has(split, EmnistSplit.Part.TRAIN) && repository.has(split, EmnistSplit.Part.TEST))) {
                throw new IllegalStateException("the EMNIST " + split.id() + " data is not on the server, and it "
                        + "downloads data for a page only with the admin token or when started with --allow-download");
            }
            TrainingJob.Data data = new TrainingJob(repository, split).seed(TrainingOptions.DEFAULTS.seed())
                    .limit(settings.limit()).load(LOG::info);
            ImageDataset train = data.train();
            checkCancelled(job);
            if (!train.classNames().equals(base.classes())) {
                // The trained model would replace this one under its name, with other classes than the page shows.
                throw new IllegalStateException("the " + split.id() + " training data has " + train.numClasses()
                        + " classes " + abbreviate(train.classNames()) + ", but the " + job.model + " model reads "
                        + base.numClasses() + " " + abbreviate(base.classes()));
            }
            TrainingOptions options = TrainingOptions.builder().architecture(base.architectureKind())
                    .epochs(job.totalEpochs).batchSize(Math.min(settings.batchSize(), train.size()))
                    .evalLimit(settings.evalLimit()).build();
            staged = models.stagedPath(job.model);
            Files.createDirectories(staged.getParent());
            broadcast.accept(new Outbound.TrainingStarted(job.model, job.totalEpochs, train.size()));
            TrainingOutcome outcome = new TrainingRun(options, new PageListener(job), job.cancelled::get)
                    .run(train, data.test(), split.id(), data.trainedOn(), staged);
            synchronized (this) {
                checkCancelled(job);
                job.installing = true;
            }
            models.installTrained(job.model, staged);
            finish(job);
            broadcast.accept(new Outbound.TrainingComplete(job.model, outcome.evaluation().accuracy(),
                    outcome.metadata().history(), models.info(job.model)));
            LOG.info("Training of {} finished: {} % top-1", job.model, outcome.evaluation().accuracy() * 100);
        } catch (CancellationException e) {
            finish(job);
            broadcast.accept(new Outbound.TrainingCancelled(job.model, "training cancelled; the previous model still serves"));
        } catch (Throwable e) {
            LOG.warn("Training of {} failed", job.model, e);
            finish(job);
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            broadcast.accept(new Outbound.TrainingError(job.model, "training failed: " + withoutFolders(reason)
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

    private static void checkCancelled(Job job) {
        if (job.cancelled.get()) {
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

    private synchronized void finish(Job job) {
        if (current == job) {
            current = null;
        }
    }

    /** Turns the training's events into messages for the page, a few progress ticks a second at most. */
    private final class PageListener implements TrainingListener {
        private final Job job;
        private final long start = System.nanoTime();
        private long lastProgress;
        private int batchesPerEpoch;

        PageListener(Job job) {
            this.job = job;
        }

        @Override
        public void started(int totalEpochs, int batches, int trainingImages) {
            batchesPerEpoch = batches;
        }

        @Override
        public void batch(int epoch, int batch, int batches, double meanLoss) {
            job.epoch = epoch;
            long now = System.nanoTime();
            if (now - lastProgress < PROGRESS_INTERVAL_NANOS && batch < batches) {
                return;
            }
            lastProgress = now;
            double done = (epoch - 1 + (double) batch / batches) / job.totalEpochs;
            double elapsed = (now - start) / 1e9;
            double eta = done > 0 ? elapsed / done - elapsed : 0;
            broadcast.accept(new Outbound.TrainingProgress(job.model, epoch, job.totalEpochs, batch, batches,
                    meanLoss, eta));
        }

        @Override
        public void evaluating(int images) {
            lastProgress = System.nanoTime();
            broadcast.accept(new Outbound.TrainingEvaluating(job.model, 0, images));
        }

        @Override
        public void evaluated(int images, int totalImages) {
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_INTERVAL_NANOS || images == totalImages) {
                lastProgress = now;
                broadcast.accept(new Outbound.TrainingEvaluating(job.model, images, totalImages));
            }
        }

        @Override
        public void epoch(EpochRecord record, int totalEpochs, double etaSeconds) {
            synchronized (job.history) {
                job.history.add(record);
            }
            broadcast.accept(Outbound.TrainingUpdate.of(job.model, record, totalEpochs, etaSeconds));
        }
    }

    /** Forwards the data download's progress to the page. */
    private final class PageDownloadProgress implements DownloadProgress {
        private long lastSent;

        @Override
        public void progress(long bytes, long totalBytes) {
            long now = System.nanoTime();
            if (now - lastSent >= PROGRESS_INTERVAL_NANOS || bytes == totalBytes) {
                lastSent = now;
                broadcast.accept(new Outbound.DownloadProgress(bytes, totalBytes, "downloading EMNIST"));
            }
        }

        @Override
        public void message(String text) {
            broadcast.accept(new Outbound.DownloadProgress(0, -1, text));
        }
    }

    @Override
    public void close() {
        cancel();
        worker.shutdownNow();
    }
}
