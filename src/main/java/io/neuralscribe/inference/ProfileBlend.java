package io.neuralscribe.inference;

/**
 * How a profile's prototypes change the base model's answer. Each taught class whose prototype the
 * drawing resembles more than {@code threshold} (cosine) has its logit raised in proportion to the
 * excess:
 * <pre>  log p'(c) = log p(c) + gain · max(0, sim(c) − threshold) + const</pre>
 * This is the base network with imprinted weights added beside its own output layer, switched on
 * only by a close match. So: a profile with no samples, or a drawing like none of them, leaves the
 * base answer exactly; a class nobody taught keeps its base logit; and another person's samples only
 * move an answer where a drawing closely resembles their way of writing a class.
 *
 * <p>{@link #TUNED} was chosen on the writers of the training stroke file (never on the test file),
 * with {@code evaluate --adapt FILE --held-apart --tune}.
 */
public record ProfileBlend(double gain, double threshold) {
    public static final ProfileBlend TUNED = new ProfileBlend(40, 0.75);

    /** The adapted probabilities (a new array, summing to one); {@code probabilities} is not changed. */
    public float[] apply(float[] probabilities, float[] features, ClassPrototypes prototypes) {
        float[] adapted = probabilities.clone();
        if (prototypes.isEmpty()) {
            return adapted;
        }
        float[] similarity = prototypes.similarities(features);
        // Work relative to the strongest boost so that exp() cannot overflow.
        double[] boost = new double[adapted.length];
        double top = 0;
        for (int c = 0; c < adapted.length; c++) {
            boost[c] = Float.isNaN(similarity[c]) ? 0 : gain * Math.max(0, similarity[c] - threshold);
            top = Math.max(top, boost[c]);
        }
        if (top == 0) {
            return adapted;
        }
        double sum = 0;
        for (int c = 0; c < adapted.length; c++) {
            sum += adapted[c] * Math.exp(boost[c] - top);
        }
        for (int c = 0; c < adapted.length; c++) {
            adapted[c] = (float) (adapted[c] * Math.exp(boost[c] - top) / sum);
        }
        return adapted;
    }
}
