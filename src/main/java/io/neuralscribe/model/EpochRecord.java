package io.neuralscribe.model;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * One epoch of training as it is kept in a model file and shown on the page. The aliases read the
 * camelCase names of format-1 model files (see {@link ModelMetadata}).
 */
public record EpochRecord(
        int epoch,
        @JsonAlias("trainLoss") double trainLoss,
        @JsonAlias("testLoss") double testLoss,
        double accuracy,
        @JsonAlias("epochSeconds") double epochSeconds,
        @JsonAlias("learningRate") double learningRate) {}
