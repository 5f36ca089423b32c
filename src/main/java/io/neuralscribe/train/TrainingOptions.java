package io.neuralscribe.train;

import io.neuralscribe.model.Architecture;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training recipe: every setting of a training run, with its default in one place
 * ({@link Builder}), as a person reads it:
 *
 * <pre>
 * network         compact            batch size      128        rng seed   42
 * optimizer       AdamW, lr 3e-3, weight decay 1e-4
 * schedule        cosine warm restarts, first cycle 10 epochs, each next one 2× longer
 * loss            focal, γ 2, label smoothing 0.1
 * regularization  Mixup α 0.2, gradient clipping at norm 1, {@link AugmentOptions#standard()}
 * per-epoch check 10,000 test images
 * </pre>
 *
 * Zero turns a piece off.
 *
 * @param seed the random number generator's seed: the same seed repeats a run
 * @param evalLimit how many test images the per-epoch evaluation uses (0 = all)
 */
public record TrainingOptions(
        Architecture architecture,
        int epochs,
        int batchSize,
        long seed,
        double learningRate,
        double weightDecay,
        double restartFirstCycle,
        double restartGrowth,
        double focalGamma,
        double labelSmoothing,
        double mixupAlpha,
        double clipNorm,
        AugmentOptions augment,
        int evalLimit) {

    /** The standard recipe, unchanged. */
    public static final TrainingOptions DEFAULTS = builder().build();

    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1");
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be at least 2 (batch normalization needs pairs)");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("the learning rate must be positive");
        }
    }

    /** The standard recipe, to be changed by name. */
    public static Builder builder() {
        return new Builder();
    }

    /** This recipe, to be changed by name. */
    public Builder toBuilder() {
        return new Builder().architecture(architecture).epochs(epochs).batchSize(batchSize).seed(seed)
                .learningRate(learningRate).weightDecay(weightDecay).restarts(restartFirstCycle, restartGrowth)
                .focalGamma(focalGamma).labelSmoothing(labelSmoothing).mixupAlpha(mixupAlpha).clipNorm(clipNorm)
                .augment(augment).evalLimit(evalLimit);
    }

    /** The loss this recipe trains with. */
    public FocalLoss loss() {
        return new FocalLoss((float) focalGamma, (float) labelSmoothing);
    }

    /** Settings by name; each starts at the standard recipe's value. */
    public static final class Builder {
        private Architecture architecture = Architecture.COMPACT;
        private int epochs = 10;
        private int batchSize = 128;
        private long seed = 42;
        private double learningRate = 3e-3;
        private double weightDecay = 1e-4;
        private double restartFirstCycle = 10;
        private double restartGrowth = 2;
        private double focalGamma = 2.0;
        private double labelSmoothing = 0.1;
        private double mixupAlpha = 0.2;
        private double clipNorm = 1.0;
        private AugmentOptions augment = AugmentOptions.standard();
        private int evalLimit = 10_000;

        private Builder() {}

        public Builder architecture(Architecture value) {
            architecture = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** Warm restarts: the first cycle's length in epochs, and how much longer each next one is. */
        public Builder restarts(double firstCycle, double growth) {
            restartFirstCycle = firstCycle;
            restartGrowth = growth;
            return this;
        }

        public Builder focalGamma(double value) {
            focalGamma = value;
            return this;
        }

        public Builder labelSmoothing(double value) {
            labelSmoothing = value;
            return this;
        }

        public Builder mixupAlpha(double value) {
            mixupAlpha = value;
            return this;
        }

        public Builder clipNorm(double value) {
            clipNorm = value;
            return this;
        }

        public Builder augment(AugmentOptions value) {
            augment = value;
            return this;
        }

        public Builder evalLimit(int value) {
            evalLimit = value;
            return this;
        }

        public TrainingOptions build() {
            return new TrainingOptions(architecture, epochs, batchSize, seed, learningRate, weightDecay,
                    restartFirstCycle, restartGrowth, focalGamma, labelSmoothing, mixupAlpha, clipNorm, augment,
                    evalLimit);
        }
    }

    /** The recipe as it is written into the model file. */
    public Map<String, Object> describe() {
        Map<String, Object> recipe = new LinkedHashMap<>();
        recipe.put("epochs", epochs);
        recipe.put("batch_size", batchSize);
        recipe.put("seed", seed);
        recipe.put("optimizer", "AdamW");
        recipe.put("learning_rate", learningRate);
        recipe.put("weight_decay", weightDecay);
        recipe.put("schedule", "cosine warm restarts T0=" + restartFirstCycle + " Tmult=" + restartGrowth);
        recipe.put("focal_gamma", focalGamma);
        recipe.put("label_smoothing", labelSmoothing);
        recipe.put("mixup_alpha", mixupAlpha);
        recipe.put("clip_norm", clipNorm);
        recipe.put("augment", augment);
        return recipe;
    }
}
