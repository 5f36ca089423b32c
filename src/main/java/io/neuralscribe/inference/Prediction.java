package io.neuralscribe.inference;

import java.util.List;
import java.util.Map;

/**
 * What the network made of one drawing.
 *
 * @param empty true when nothing was drawn: then there is no label, no guess
 * @param probabilities one per class, in the model's class order (TTA-averaged when TTA is on)
 * @param preview the 28×28 picture the network saw, upright, 0–255
 * @param activations four tapped layers, {@link Predictor#ACTIVATION_WIDTH} values each in [0, 1],
 *     keyed {@code conv1, conv2, dense1, dense2}
 * @param layers the display names of those four layers
 * @param expect what the person said they write; the answer was chosen among those classes only
 * @param lookAlike the runner-up when it is written like the answer and close to it, else {@code null}
 */
public record Prediction(
        boolean empty,
        String model,
        String label,
        double confidence,
        float[] probabilities,
        List<RankedLabel> top3,
        double inferenceMs,
        int[] preview,
        Map<String, float[]> activations,
        List<String> layers,
        Expectation expect,
        RankedLabel lookAlike) {

    public static Prediction nothingDrawn(String model) {
        return new Prediction(true, model, null, 0, new float[0], List.of(), 0, new int[0], Map.of(), List.of(),
                Expectation.ANY, null);
    }

    /**
     * The answer among the classes that fit {@code expectation} only: the others get probability 0
     * and the rest are scaled to sum to one (when the network gives them no weight at all, they share
     * it evenly). The look-alike note is made on the renormalized ranking.
     */
    public Prediction restrictedTo(Expectation expectation, List<String> classes) {
        if (empty) {
            return this;
        }
        boolean[] allowed = expectation.allowed(classes);
        float[] kept = new float[probabilities.length];
        double sum = 0;
        int count = 0;
        for (int c = 0; c < kept.length; c++) {
            if (allowed[c]) {
                kept[c] = probabilities[c];
                sum += kept[c];
                count++;
            }
        }
        for (int c = 0; c < kept.length; c++) {
            if (allowed[c]) {
                kept[c] = sum > 0 ? (float) (kept[c] / sum) : 1f / count;
            }
        }
        List<RankedLabel> ranked = rank(kept, classes, 3);
        return new Prediction(false, model, ranked.get(0).label(), ranked.get(0).confidence(), kept, ranked,
                inferenceMs, preview, activations, layers, expectation,
                LookAlikes.ambiguity(ranked.get(0), ranked.size() > 1 ? ranked.get(1) : null));
    }

    /** The same reading with other probabilities (a profile's): ranked, and its look-alike note made, again. */
    public Prediction reweighted(float[] adapted, List<String> classes) {
        if (empty) {
            return this;
        }
        List<RankedLabel> ranked = rank(adapted, classes, 3);
        return new Prediction(false, model, ranked.get(0).label(), ranked.get(0).confidence(), adapted, ranked,
                inferenceMs, preview, activations, layers, expect,
                LookAlikes.ambiguity(ranked.get(0), ranked.size() > 1 ? ranked.get(1) : null));
    }

    /** The {@code n} most probable classes, best first. */
    public static List<RankedLabel> rank(float[] probabilities, List<String> classes, int n) {
        return java.util.stream.IntStream.range(0, probabilities.length).boxed()
                .sorted(java.util.Comparator.comparingDouble((Integer c) -> probabilities[c]).reversed())
                .limit(n)
                .map(c -> new RankedLabel(classes.get(c), probabilities[c]))
                .toList();
    }
}
