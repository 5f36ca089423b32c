package io.neuralscribe.train;

/**
 * The augmentation of EMNIST-style training images, each piece switchable. A probability of 0 (or a zero range) turns a
 * piece off.
 */
public record AugmentOptions(
        double rotationDegrees,
        double translateFraction,
        double scaleMin,
        double scaleMax,
        double perspectiveDistortion,
        double perspectiveProbability,
        double blurSigmaMin,
        double blurSigmaMax,
        double erasingProbability,
        double erasingAreaMin,
        double erasingAreaMax) {

    /** RandomAffine ±10°, ±10 %, 0.9–1.1; RandomPerspective 0.15 at p 0.3; blur σ 0.1–0.7; erasing 2–25 % at p 0.5. */
    public static AugmentOptions standard() {
        return new AugmentOptions(10, 0.10, 0.9, 1.1, 0.15, 0.3, 0.1, 0.7, 0.5, 0.02, 0.25);
    }

    public static AugmentOptions none() {
        return new AugmentOptions(0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0);
    }

    public boolean affine() {
        return rotationDegrees > 0 || translateFraction > 0 || scaleMin != 1 || scaleMax != 1;
    }

    public boolean perspective() {
        return perspectiveDistortion > 0 && perspectiveProbability > 0;
    }

    public boolean blur() {
        return blurSigmaMax > 0;
    }

    public boolean erasing() {
        return erasingProbability > 0 && erasingAreaMax > 0;
    }

    public boolean any() {
        return affine() || perspective() || blur() || erasing();
    }

    public AugmentOptions withoutAffine() {
        return new AugmentOptions(0, 0, 1, 1, perspectiveDistortion, perspectiveProbability,
                blurSigmaMin, blurSigmaMax, erasingProbability, erasingAreaMin, erasingAreaMax);
    }

    public AugmentOptions withoutPerspective() {
        return new AugmentOptions(rotationDegrees, translateFraction, scaleMin, scaleMax, 0, 0,
                blurSigmaMin, blurSigmaMax, erasingProbability, erasingAreaMin, erasingAreaMax);
    }

    public AugmentOptions withoutBlur() {
        return new AugmentOptions(rotationDegrees, translateFraction, scaleMin, scaleMax, perspectiveDistortion,
                perspectiveProbability, 0, 0, erasingProbability, erasingAreaMin, erasingAreaMax);
    }

    public AugmentOptions withoutErasing() {
        return new AugmentOptions(rotationDegrees, translateFraction, scaleMin, scaleMax, perspectiveDistortion,
                perspectiveProbability, blurSigmaMin, blurSigmaMax, 0, 0, 0);
    }
}
