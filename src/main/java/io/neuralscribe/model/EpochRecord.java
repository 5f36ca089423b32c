package io.neuralscribe.model;

/** One epoch of training as it is kept in a model file and shown on the page. */
public record EpochRecord(
        int epoch,
        double trainLoss,
        double testLoss,
        double accuracy,
        double epochSeconds,
        double learningRate) {}
