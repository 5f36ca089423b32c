package io.neuralscribe.server;

import io.neuralscribe.data.DownloadProgress;
import io.neuralscribe.model.EpochRecord;
import io.neuralscribe.train.Eta;
import io.neuralscribe.train.TrainingObserver;

import java.util.function.Consumer;

/**
 * Turns a training's events into messages for every page, a few progress ticks a second at most,
 * and keeps the {@link RunningTraining} up to date for pages that connect mid-run.
 */
final class PageTrainingEvents implements TrainingObserver {
    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final RunningTraining run;
    private final Consumer<Object> broadcast;
    private final long start = System.nanoTime();
    private long lastProgress;

    PageTrainingEvents(RunningTraining run, Consumer<Object> broadcast) {
        this.run = run;
        this.broadcast = broadcast;
    }

    @Override
    public void started(int totalEpochs, int batches, int trainingImages) {
        run.stage = "training";
    }

    @Override
    public void batch(int epoch, int batch, int batches, double meanLoss) {
        run.epoch = epoch;
        long now = System.nanoTime();
        if (now - lastProgress < PROGRESS_INTERVAL_NANOS && batch < batches) {
            return;
        }
        lastProgress = now;
        double done = (epoch - 1 + (double) batch / batches) / run.totalEpochs;
        double elapsed = (now - start) / 1e9;
        double eta = Eta.remainingSeconds(elapsed, done, 1);
        broadcast.accept(new Outbound.TrainingProgress(run.model, epoch, run.totalEpochs, batch, batches, meanLoss, eta));
    }

    @Override
    public void evaluating(int images) {
        evaluated("candidate", 0, images, true);
    }

    @Override
    public void evaluated(int images, int totalImages) {
        evaluated("candidate", images, totalImages, images == totalImages);
    }

    /** The final evaluation's progress, of the candidate or of the current model. */
    void evaluated(String which, int images, int totalImages, boolean always) {
        run.evaluating(which, images, totalImages);
        long now = System.nanoTime();
        if (always || now - lastProgress >= PROGRESS_INTERVAL_NANOS) {
            lastProgress = now;
            broadcast.accept(new Outbound.TrainingEvaluating(run.model, which, images, totalImages));
        }
    }

    @Override
    public void epoch(EpochRecord record, int totalEpochs, double etaSeconds) {
        run.add(record);
        broadcast.accept(Outbound.TrainingUpdate.of(run.model, record, totalEpochs, etaSeconds));
    }

    /** Forwards the data download's progress to the page. */
    DownloadProgress download() {
        return new DownloadProgress() {
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
        };
    }
}
