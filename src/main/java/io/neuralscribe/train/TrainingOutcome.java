package io.neuralscribe.train;

import io.neuralscribe.model.ModelMetadata;

import java.nio.file.Path;

/** A finished training: where the model went, what it says of itself, and its final evaluation. */
public record TrainingOutcome(Path modelFile, ModelMetadata metadata, EvaluationReport evaluation,
        double samplesPerSecond, double batchBuildSeconds) {}
