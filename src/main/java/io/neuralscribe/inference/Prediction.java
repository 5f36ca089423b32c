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
        List<String> layers) {

    public static Prediction nothingDrawn(String model) {
        return new Prediction(true, model, null, 0, new float[0], List.of(), 0, new int[0], Map.of(), List.of());
    }
}
