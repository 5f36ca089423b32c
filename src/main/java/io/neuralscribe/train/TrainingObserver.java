package io.neuralscribe.train;

import io.neuralscribe.model.EpochRecord;

/** What a training run reports as it goes. Every method has a default so listeners pick what they show. */
public interface TrainingObserver {
    /** Data is loaded and the network built; {@code batchesPerEpoch} batches follow each epoch. */
    default void started(int totalEpochs, int batchesPerEpoch, int trainingImages) {}

    /** A batch has been trained; {@code meanLoss} is the epoch's running mean. */
    default void batch(int epoch, int batch, int batchesPerEpoch, double meanLoss) {}

    /** An epoch has ended and been evaluated. */
    default void epoch(EpochRecord record, int totalEpochs, double etaSeconds) {}

    /** A model was saved at the end of a warm-restart cycle, before the last epoch. */
    default void checkpoint(java.nio.file.Path file, int epoch) {}

    /** The final evaluation on the whole test set is running. */
    default void evaluating(int images) {}

    /** The final evaluation has checked {@code images} of {@code totalImages}. */
    default void evaluated(int images, int totalImages) {}

    TrainingObserver NONE = new TrainingObserver() {};
}
