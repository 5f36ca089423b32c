package io.neuralscribe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/** Scales all gradients together so that their global L2 norm is at most {@code maxNorm}. */
public final class GradientClipper {
    private final float maxNorm;

    public GradientClipper(float maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("the clipping norm must be positive");
        }
        this.maxNorm = maxNorm;
    }

    /** @return the global norm before clipping */
    public float clip(PairList<String, Parameter> parameters) {
        // getGradient() hands out new native handles each call: close every one we take.
        try (NDList gradients = new NDList()) {
            for (Pair<String, Parameter> pair : parameters) {
                NDArray array = pair.getValue().getArray();
                if (array.hasGradient()) {
                    gradients.add(array.getGradient());
                }
            }
            double sumOfSquares = 0;
            for (NDArray g : gradients) {
                try (NDArray square = g.square(); NDArray sum = square.sum()) {
                    sumOfSquares += sum.getFloat();
                }
            }
            float norm = (float) Math.sqrt(sumOfSquares);
            if (norm > maxNorm && Float.isFinite(norm)) {
                float scale = maxNorm / (norm + 1e-6f);
                for (NDArray g : gradients) {
                    g.muli(scale);
                }
            }
            return norm;
        }
    }
}
