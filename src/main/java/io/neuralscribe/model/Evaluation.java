package io.neuralscribe.model;

/** How a model did on a named test set; {@code accuracy} is top-1 in [0, 1]. */
public record Evaluation(String dataset, int images, double accuracy) {}
