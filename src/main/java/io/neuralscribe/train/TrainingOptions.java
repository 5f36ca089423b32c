package io.neuralscribe.train;

import io.neuralscribe.model.Architecture;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training recipe. {@link #seedRecipe} is the seed's: AdamW lr 3e-3, weight decay 1e-4,
 * warm restarts T0 = 10, Tmult = 2, focal loss γ = 2 with label smoothing 0.1, the seed's
 * augmentation, Mixup α = 0.2, gradient clipping at norm 1. Zero turns a piece off.
 *
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

    public static TrainingOptions seedRecipe(Architecture architecture, int epochs) {
        return new TrainingOptions(architecture, epochs, 128, 42, 3e-3, 1e-4, 10, 2, 2.0, 0.1, 0.2, 1.0,
                AugmentOptions.seed(), 10_000);
    }

    public TrainingOptions withBatchSize(int size) {
        return new TrainingOptions(architecture, epochs, size, seed, learningRate, weightDecay, restartFirstCycle,
                restartGrowth, focalGamma, labelSmoothing, mixupAlpha, clipNorm, augment, evalLimit);
    }

    public TrainingOptions withSeed(long newSeed) {
        return new TrainingOptions(architecture, epochs, batchSize, newSeed, learningRate, weightDecay,
                restartFirstCycle, restartGrowth, focalGamma, labelSmoothing, mixupAlpha, clipNorm, augment, evalLimit);
    }

    public TrainingOptions withRecipe(double newGamma, double newSmoothing, double newMixup, double newClip,
            AugmentOptions newAugment, int newEvalLimit) {
        return new TrainingOptions(architecture, epochs, batchSize, seed, learningRate, weightDecay,
                restartFirstCycle, restartGrowth, newGamma, newSmoothing, newMixup, newClip, newAugment, newEvalLimit);
    }

    public TrainingOptions withSchedule(double newLearningRate, double firstCycle, double growth) {
        return new TrainingOptions(architecture, epochs, batchSize, seed, newLearningRate, weightDecay, firstCycle,
                growth, focalGamma, labelSmoothing, mixupAlpha, clipNorm, augment, evalLimit);
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
