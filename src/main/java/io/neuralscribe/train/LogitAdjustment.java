package io.neuralscribe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import io.neuralscribe.data.ClassFolding;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.model.PenPrior;
import io.neuralscribe.model.StagedNetwork;

import java.util.List;

/**
 * Post-hoc logit adjustment (Menon et al., "Long-tail learning via logit adjustment", 2021): a
 * network trained on skewed classes learns their frequencies π as well as their shapes, and so
 * never answers a rare class that looks like a common one (a written {@code O} is read {@code 0}
 * when zeros are ten times as common). Subtracting {@code τ · ln π_c} from each class's logit
 * removes that prior: τ = 1 aims at the balanced error, τ = 0 leaves the network as it is.
 *
 * <p>Removing the training prior aims at equally likely classes. People do not write classes but
 * characters: a merged class (ByMerge's {@code O} answers for {@code O} and {@code o}) is written twice
 * as often as {@code 0} when every character is equally likely. {@link #shift(long[], long[], double)}
 * therefore also adds {@code τ · ln q_c} for a target prior {@code q} (Menon et al.'s adjustment towards
 * a chosen test distribution); with {@code q} uniform it is the plain adjustment.
 *
 * <p>The shift is either kept as the model's {@link PenPrior} — used for a pen drawing read alone, which is how
 * training records it — or folded into the bias of the network's last dense layer, so that every
 * input sees it ({@code balance --for all}). It is centred (mean zero) so that logits keep their scale.
 */
public final class LogitAdjustment {
    /**
     * The strength a trained model's pen prior gets: the full adjustment. Chosen on the held-apart
     * writers of the training stroke file, where it gave both shipped networks their best accuracy
     * balanced over the written labels (τ 0, 0.25, 0.5, 0.75, 1 swept; docs/TRAINING.md).
     */
    public static final double PEN_TAU = 1.0;

    private LogitAdjustment() {}

    /** How many training images each class has. */
    public static long[] classCounts(ImageDataset train) {
        long[] counts = new long[train.classNames().size()];
        for (int c : train.classes()) {
            counts[c]++;
        }
        return counts;
    }

    /**
     * The prior for pen input: every written character equally likely ({@link ClassFolding#writtenLabelsPerClass}),
     * at strength {@code tau}, instead of the frequencies {@code counts} of the training data.
     *
     * @param countedFrom the training data the counts describe, as a person should read it
     */
    public static PenPrior penPrior(long[] counts, List<String> classes, double tau, String countedFrom) {
        float[] shift = shift(counts, ClassFolding.writtenLabelsPerClass(classes), tau);
        return new PenPrior(String.format(java.util.Locale.ROOT,
                "every written character equally likely (τ = %.2f), instead of the class frequencies of %s",
                tau, countedFrom), shift);
    }

    /**
     * @param counts how many training images each class had (every count at least 1)
     * @return {@code −τ · ln π_c}, centred, one per class
     */
    public static float[] shift(long[] counts, double tau) {
        long[] uniform = new long[counts.length];
        java.util.Arrays.fill(uniform, 1);
        return shift(counts, uniform, tau);
    }

    /**
     * @param counts how many training images each class had (every count at least 1)
     * @param target the relative frequency each class should have in the answers (every one at least 1)
     * @return {@code τ · (ln q_c − ln π_c)}, centred, one per class
     */
    public static float[] shift(long[] counts, long[] target, double tau) {
        if (target.length != counts.length) {
            throw new IllegalArgumentException(counts.length + " class counts but " + target.length + " target weights");
        }
        double[] prior = frequencies(counts, "every class needs at least one training image to have a prior");
        double[] aim = frequencies(target, "every class needs a target weight of at least 1");
        double[] shift = new double[counts.length];
        double mean = 0;
        for (int c = 0; c < counts.length; c++) {
            shift[c] = tau * (Math.log(aim[c]) - Math.log(prior[c]));
            mean += shift[c] / counts.length;
        }
        float[] centred = new float[counts.length];
        for (int c = 0; c < counts.length; c++) {
            centred[c] = (float) (shift[c] - mean);
        }
        return centred;
    }

    private static double[] frequencies(long[] counts, String whenEmpty) {
        double total = 0;
        for (long c : counts) {
            if (c < 1) {
                throw new IllegalArgumentException(whenEmpty);
            }
            total += c;
        }
        double[] frequencies = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            frequencies[c] = counts[c] / total;
        }
        return frequencies;
    }

    /** Adds {@code shift} to the bias of the network's last dense layer, in place. */
    public static void apply(StagedNetwork network, float[] shift) {
        Linear last = lastDense(network);
        if (last == null) {
            throw new IllegalArgumentException("the network has no dense output layer");
        }
        NDArray bias = last.getParameters().get("bias").getArray();
        if (bias.size() != shift.length) {
            throw new IllegalArgumentException("the network has " + bias.size() + " outputs, the shift "
                    + shift.length + " classes");
        }
        bias.addi(bias.getManager().create(shift));
    }

    private static Linear lastDense(Block block) {
        Linear found = block instanceof Linear linear ? linear : null;
        for (Block child : block.getChildren().values()) {
            Linear inner = lastDense(child);
            if (inner != null) {
                found = inner;
            }
        }
        return found;
    }
}
