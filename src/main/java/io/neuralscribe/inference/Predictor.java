package io.neuralscribe.inference;

import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.Affine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuralscribe.model.InputEncoding;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelMetadata;
import io.neuralscribe.train.Augmenter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs a model on preprocessed drawings. With test-time augmentation each drawing becomes five
 * variants — original, +4° (clockwise), −4°, one pixel right, one pixel down — and all variants of
 * all drawings of a call go through the network in ONE forward pass; each drawing's probabilities
 * are the mean over its variants. Stateless: several threads may predict with it at once.
 */
public final class Predictor {
    public static final int TTA_VARIANTS = 5;
    public static final int ACTIVATION_WIDTH = 32;
    private static final double TTA_DEGREES = 4;
    static final List<String> ACTIVATION_KEYS = List.of("conv1", "conv2", "dense1", "dense2");

    private final String name;
    private final LoadedModel model;

    public Predictor(String name, LoadedModel model) {
        this.name = name;
        this.model = model;
    }

    public String name() {
        return name;
    }

    public ModelMetadata metadata() {
        return model.metadata();
    }

    public LoadedModel model() {
        return model;
    }

    /**
     * @param views network views from {@link Preprocessing} (28×28, [0, 1]); none may be null
     * @return one prediction per view, in order
     */
    public List<Prediction> predict(List<float[]> views, boolean tta) {
        return read(views, tta).stream().map(Reading::prediction).toList();
    }

    /**
     * A prediction with the network's penultimate features: the last tapped stage, which feeds the
     * output layer (the compact network's dense2, the ResNet's pooled features), averaged over the
     * TTA variants like the probabilities. Profiles learn a person's hand from these.
     */
    public record Reading(Prediction prediction, float[] features) {}

    /** Like {@link #predict}, with each drawing's penultimate features; same single forward pass. */
    public List<Reading> read(List<float[]> views, boolean tta) {
        long start = System.nanoTime();
        int variants = tta ? TTA_VARIANTS : 1;
        int count = views.size() * variants;
        float[] batch = new float[count * Grid.PIXELS];
        for (int v = 0; v < views.size(); v++) {
            float[] view = views.get(v);
            System.arraycopy(view, 0, batch, v * variants * Grid.PIXELS, Grid.PIXELS);
            if (tta) {
                int base = v * variants * Grid.PIXELS;
                rotated(view, TTA_DEGREES, batch, base + Grid.PIXELS);
                rotated(view, -TTA_DEGREES, batch, base + 2 * Grid.PIXELS);
                System.arraycopy(Grid.shift(view, 1, 0), 0, batch, base + 3 * Grid.PIXELS,
                        Grid.PIXELS);
                System.arraycopy(Grid.shift(view, 0, 1), 0, batch, base + 4 * Grid.PIXELS,
                        Grid.PIXELS);
            }
        }
        int classes = model.metadata().numClasses();
        float[] probabilities;
        float[][] taps = new float[ACTIVATION_KEYS.size()][];
        int[] tapWidths = new int[ACTIVATION_KEYS.size()];
        try (NDManager manager = model.manager().newSubManager()) {
            NDArray input = InputEncoding.toTensor(manager, batch, count, model.metadata().normalization());
            NDList output = model.forward(input);
            probabilities = output.head().softmax(1).toFloatArray();
            for (int t = 0; t < taps.length; t++) {
                NDArray tap = output.get(t + 1);
                // Convolutional maps become one number per channel: the channel's mean activation.
                Shape shape = tap.getShape();
                NDArray perChannel = shape.dimension() == 4
                        ? tap.reshape(shape.get(0), shape.get(1), -1).mean(new int[] {2}) : tap;
                tapWidths[t] = (int) perChannel.getShape().get(1);
                taps[t] = perChannel.toFloatArray();
            }
        }
        double elapsedMs = (System.nanoTime() - start) / 1e6;

        List<Reading> readings = new ArrayList<>(views.size());
        int last = taps.length - 1;
        for (int v = 0; v < views.size(); v++) {
            float[] mean = new float[classes];
            for (int k = 0; k < variants; k++) {
                int row = (v * variants + k) * classes;
                for (int c = 0; c < classes; c++) {
                    mean[c] += probabilities[row + c] / variants;
                }
            }
            Map<String, float[]> activations = new LinkedHashMap<>();
            for (int t = 0; t < taps.length; t++) {
                activations.put(ACTIVATION_KEYS.get(t), reduce(taps[t], v * variants * tapWidths[t], tapWidths[t]));
            }
            float[] features = new float[tapWidths[last]];
            for (int k = 0; k < variants; k++) {
                int row = (v * variants + k) * features.length;
                for (int i = 0; i < features.length; i++) {
                    features[i] += taps[last][row + i] / variants;
                }
            }
            readings.add(new Reading(prediction(views.get(v), mean, activations, elapsedMs), features));
        }
        return readings;
    }

    private Prediction prediction(float[] view, float[] probabilities, Map<String, float[]> activations, double ms) {
        List<String> classes = model.metadata().classes();
        List<RankedLabel> top3 = Prediction.rank(probabilities, classes, 3);
        int[] preview = new int[view.length];
        for (int i = 0; i < view.length; i++) {
            preview[i] = Grid.toLevel(view[i]);
        }
        return new Prediction(false, name, top3.get(0).label(), top3.get(0).confidence(), probabilities, top3, ms,
                preview, activations, model.metadata().architectureKind().layerNames(), Expectation.ANY,
                LookAlikes.ambiguity(top3.get(0), top3.size() > 1 ? top3.get(1) : null));
    }

    /** Averages a layer's values into {@link #ACTIVATION_WIDTH} groups and scales them to a maximum of 1. */
    static float[] reduce(float[] values, int offset, int width) {
        float[] out = new float[ACTIVATION_WIDTH];
        for (int g = 0; g < ACTIVATION_WIDTH; g++) {
            int from = (int) ((long) g * width / ACTIVATION_WIDTH);
            int to = Math.max(from + 1, (int) ((long) (g + 1) * width / ACTIVATION_WIDTH));
            float sum = 0;
            for (int i = from; i < Math.min(to, width); i++) {
                sum += Math.max(0f, values[offset + i]);
            }
            out[g] = sum / (to - from);
        }
        float max = 0;
        for (float v : out) {
            max = Math.max(max, v);
        }
        if (max > 0) {
            for (int g = 0; g < out.length; g++) {
                out[g] /= max;
            }
        }
        return out;
    }

    private static void rotated(float[] view, double degrees, float[] target, int offset) {
        float[] copy = view.clone();
        Affine.transform(copy, new float[Grid.PIXELS], Math.toRadians(degrees), 1, 0, 0);
        System.arraycopy(copy, 0, target, offset, Grid.PIXELS);
    }
}
