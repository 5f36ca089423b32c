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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs a model on preprocessed drawings. With test-time augmentation each drawing becomes five
 * variants — original, +4° (clockwise), −4°, one pixel right, one pixel down — and all variants of
 * all drawings of a call go through the network in ONE forward pass; each drawing's probabilities
 * are the mean over its variants. A line's characters may instead be read with TTA only where the
 * network is unsure ({@link TtaMode#UNSURE}). Stateless: several threads may predict with it at once.
 */
public final class Predictor {
    public static final int TTA_VARIANTS = 5;
    public static final int ACTIVATION_WIDTH = 32;
    private static final double TTA_DEGREES = 4;
    /**
     * With {@link TtaMode#UNSURE}, a drawing whose best class the network gives at least this
     * probability as drawn is not read again shifted and turned.
     */
    public static final double SURE = 0.9;
    /**
     * The most images one forward pass takes; larger calls run in chunks. Measured with the compact
     * network on one thread: 50 images cost about 3.4× the CPU time in one pass (93 ms) that they cost
     * in passes of 16 (27 ms), and 25-32 at once are already 1.6-2.5× slower — the activations of a
     * large batch no longer stay in the core's cache. Chunks also keep the batch shapes few (1 to 16),
     * so the convolution library plans each shape once and reuses the plan.
     */
    public static final int MAX_FORWARD_BATCH = 16;
    static final List<String> ACTIVATION_KEYS = List.of("conv1", "conv2", "dense1", "dense2");

    private final String name;
    private final LoadedModel model;
    /** {@code e^(shift − max shift)} of the model's pen prior, or {@code null} when it has none. */
    private final float[] penWeights;

    public Predictor(String name, LoadedModel model) {
        this.name = name;
        this.model = model;
        this.penWeights = model.metadata().penPrior() == null ? null : weights(model.metadata().penPrior().logitShift());
    }

    private static float[] weights(float[] shift) {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : shift) {
            max = Math.max(max, s);
        }
        float[] weights = new float[shift.length];
        for (int c = 0; c < shift.length; c++) {
            weights[c] = (float) Math.exp(shift[c] - max);
        }
        return weights;
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
     * Reads with the network as trained ({@link ClassPrior#TRAINING}).
     *
     * @param views network views from {@link Preprocessing} (28×28, [0, 1]); none may be null
     * @return one prediction per view, in order
     */
    public List<Prediction> predict(List<float[]> views, boolean tta) {
        return predict(views, TtaMode.of(tta), ClassPrior.TRAINING);
    }

    /** @return one prediction per view, in order, read with the given augmentation ({@link #read(List, TtaMode, ClassPrior)}) */
    public List<Prediction> predict(List<float[]> views, TtaMode mode, ClassPrior prior) {
        return read(views, mode, prior).stream().map(Reading::prediction).toList();
    }

    /**
     * A prediction with the network's penultimate features: the last tapped stage, which feeds the
     * output layer (the compact network's dense2, the ResNet's pooled features), averaged over the
     * TTA variants like the probabilities. Profiles learn a person's hand from these.
     */
    public record Reading(Prediction prediction, float[] features) {}

    /** Like {@link #predict}, with each drawing's penultimate features; same single forward pass. */
    public List<Reading> read(List<float[]> views, boolean tta, ClassPrior prior) {
        return read(views, TtaMode.of(tta), prior);
    }

    /**
     * Reads drawings with the given augmentation. {@link TtaMode#OFF} and {@link TtaMode#ALL} run one
     * forward pass; {@link TtaMode#UNSURE} runs the drawings as drawn, then — in a second pass, only
     * when some best class is below {@link #SURE} — the other variants of those drawings. Either way a
     * drawing's probabilities and features are the mean over the variants it was read in (an unsure
     * drawing's equal what {@code ALL} gives it), and its activations are those of the drawing as drawn.
     *
     * <p>{@link ClassPrior#WRITTEN} reads with the model's {@link io.neuralscribe.model.PenPrior}: its
     * shift {@code s} acts on every variant's logits {@code z} as if it were part of the output layer's
     * bias, so "sure" and the TTA mean are judged on the answers the person gets. It is applied to the
     * softmax's output, which is the same: {@code softmax(z + s)_c = p_c e^{s_c} / Σ_k p_k e^{s_k}}
     * (in Java, with no extra call into the engine: the round trip stays as fast).
     */
    public List<Reading> read(List<float[]> views, TtaMode mode, ClassPrior prior) {
        float[] weights = prior == ClassPrior.WRITTEN ? penWeights : null;
        long start = System.nanoTime();
        int perView = mode == TtaMode.ALL ? TTA_VARIANTS : 1;
        float[] batch = new float[views.size() * perView * Grid.PIXELS];
        for (int v = 0; v < views.size(); v++) {
            System.arraycopy(views.get(v), 0, batch, v * perView * Grid.PIXELS, Grid.PIXELS);
            if (perView > 1) {
                writeVariants(views.get(v), batch, (v * perView + 1) * Grid.PIXELS);
            }
        }
        Pass first = forward(batch, views.size() * perView, weights);
        // Per drawing, where its extra variants were read: in the first pass (ALL) or the second (UNSURE).
        Pass second = null;
        int[] extraRow = new int[views.size()];
        Arrays.fill(extraRow, -1);
        if (mode == TtaMode.ALL) {
            for (int v = 0; v < views.size(); v++) {
                extraRow[v] = v * perView + 1;
            }
        } else if (mode == TtaMode.UNSURE) {
            int extra = TTA_VARIANTS - 1;
            List<Integer> unsure = new ArrayList<>();
            for (int v = 0; v < views.size(); v++) {
                if (first.best(v) < SURE) {
                    extraRow[v] = unsure.size() * extra;
                    unsure.add(v);
                }
            }
            if (!unsure.isEmpty()) {
                float[] more = new float[unsure.size() * extra * Grid.PIXELS];
                for (int k = 0; k < unsure.size(); k++) {
                    writeVariants(views.get(unsure.get(k)), more, k * extra * Grid.PIXELS);
                }
                second = forward(more, unsure.size() * extra, weights);
            }
        }
        double elapsedMs = (System.nanoTime() - start) / 1e6;

        List<Reading> readings = new ArrayList<>(views.size());
        int last = ACTIVATION_KEYS.size() - 1;
        for (int v = 0; v < views.size(); v++) {
            int own = v * perView;
            Pass extras = mode == TtaMode.ALL ? first : second;
            int variants = extraRow[v] < 0 ? 1 : TTA_VARIANTS;
            float[] mean = new float[first.classes];
            float[] features = new float[first.tapWidths[last]];
            for (int k = 0; k < variants; k++) {
                Pass pass = k == 0 ? first : extras;
                int row = k == 0 ? own : extraRow[v] + k - 1;
                addRow(pass.probabilities, pass.classes, row, variants, mean);
                addRow(pass.taps[last], pass.tapWidths[last], row, variants, features);
            }
            Map<String, float[]> activations = new LinkedHashMap<>();
            for (int t = 0; t < ACTIVATION_KEYS.size(); t++) {
                activations.put(ACTIVATION_KEYS.get(t), reduce(first.taps[t], own * first.tapWidths[t],
                        first.tapWidths[t]));
            }
            readings.add(new Reading(prediction(views.get(v), mean, activations, elapsedMs), features));
        }
        return readings;
    }

    /** One forward pass's answers: row-major probabilities, and each tapped stage's values per image. */
    private record Pass(float[] probabilities, int classes, float[][] taps, int[] tapWidths) {
        /** The highest probability of one row. */
        float best(int row) {
            float best = 0;
            for (int c = 0; c < classes; c++) {
                best = Math.max(best, probabilities[row * classes + c]);
            }
            return best;
        }
    }

    /** Adds one row of {@code values} ({@code width} wide), divided by {@code count}, to {@code sum}. */
    private static void addRow(float[] values, int width, int row, int count, float[] sum) {
        for (int i = 0; i < width; i++) {
            sum[i] += values[row * width + i] / count;
        }
    }

    /**
     * Runs {@code count} images through the network, in chunks of at most {@link #MAX_FORWARD_BATCH}
     * of nearly equal size, and gathers the answers in order.
     *
     * @param weights the pen prior's {@code e^s}, by which every image's probabilities are reweighted, or {@code null}
     */
    private Pass forward(float[] batch, int count, float[] weights) {
        int classes = model.metadata().numClasses();
        float[] probabilities = new float[count * classes];
        float[][] taps = new float[ACTIVATION_KEYS.size()][];
        int[] tapWidths = new int[ACTIVATION_KEYS.size()];
        int chunks = Math.max(1, (count + MAX_FORWARD_BATCH - 1) / MAX_FORWARD_BATCH);
        for (int c = 0, from = 0; c < chunks; c++) {
            int size = count / chunks + (c < count % chunks ? 1 : 0);
            float[] images = Arrays.copyOfRange(batch, from * Grid.PIXELS, (from + size) * Grid.PIXELS);
            try (NDManager manager = model.manager().newSubManager()) {
                NDArray input = InputEncoding.toTensor(manager, images, size, model.metadata().normalization());
                NDList output = model.forward(input);
                System.arraycopy(output.head().softmax(1).toFloatArray(), 0, probabilities, from * classes,
                        size * classes);
                for (int t = 0; t < taps.length; t++) {
                    NDArray tap = output.get(t + 1);
                    // Convolutional maps become one number per channel: the channel's mean activation.
                    Shape shape = tap.getShape();
                    NDArray perChannel = shape.dimension() == 4
                            ? tap.reshape(shape.get(0), shape.get(1), -1).mean(new int[] {2}) : tap;
                    tapWidths[t] = (int) perChannel.getShape().get(1);
                    if (taps[t] == null) {
                        taps[t] = new float[count * tapWidths[t]];
                    }
                    System.arraycopy(perChannel.toFloatArray(), 0, taps[t], from * tapWidths[t], size * tapWidths[t]);
                }
            }
            from += size;
        }
        if (weights != null) {
            for (int row = 0; row < count; row++) {
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += probabilities[row * classes + c] * weights[c];
                }
                for (int c = 0; c < classes; c++) {
                    probabilities[row * classes + c] = (float) (probabilities[row * classes + c] * weights[c] / sum);
                }
            }
        }
        return new Pass(probabilities, classes, taps, tapWidths);
    }

    /** Writes a drawing's variants other than itself (+4°, −4°, right, down) from {@code offset} on. */
    private static void writeVariants(float[] view, float[] target, int offset) {
        rotated(view, TTA_DEGREES, target, offset);
        rotated(view, -TTA_DEGREES, target, offset + Grid.PIXELS);
        System.arraycopy(Grid.shift(view, 1, 0), 0, target, offset + 2 * Grid.PIXELS, Grid.PIXELS);
        System.arraycopy(Grid.shift(view, 0, 1), 0, target, offset + 3 * Grid.PIXELS, Grid.PIXELS);
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
