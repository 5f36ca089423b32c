package io.neuralscribe.inference;

/** A class and how sure the network is of it, in [0, 1]. */
public record RankedLabel(String label, double confidence) {}
