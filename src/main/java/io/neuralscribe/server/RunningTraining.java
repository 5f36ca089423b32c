package io.neuralscribe.server;

import io.neuralscribe.model.EpochRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A training under way, as the coordinator and a page that connects mid-run see it. Its fields
 * change on the training thread; {@link #state} reads them from any thread.
 */
final class RunningTraining {
    final String model;
    final int totalEpochs;
    final int evalLimit;
    final AtomicBoolean cancelled = new AtomicBoolean();
    /** Set (under the coordinator's lock) once the candidate is being kept: too late to cancel. */
    boolean finishing;
    private final List<EpochRecord> history = new ArrayList<>();
    volatile int epoch;
    volatile int trainingImages;
    volatile String stage = "loading";
    volatile String evaluating;
    volatile int images;
    volatile int totalImages;

    RunningTraining(String model, int totalEpochs, int evalLimit) {
        this.model = model;
        this.totalEpochs = totalEpochs;
        this.evalLimit = evalLimit;
    }

    void add(EpochRecord record) {
        synchronized (history) {
            history.add(record);
        }
    }

    void evaluating(String which, int done, int total) {
        stage = "evaluating";
        evaluating = which;
        images = done;
        totalImages = total;
    }

    Outbound.TrainingState state() {
        synchronized (history) {
            return new Outbound.TrainingState(model, epoch, totalEpochs, stage, evaluating, images, totalImages,
                    trainingImages, List.copyOf(history));
        }
    }
}
