package io.neuralscribe.train;

import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Varies a written character the way people's writing varies, on the strokes themselves before they
 * are rendered: pen width, slant, rotation, width-to-height ratio and a little tremor. Stroke order
 * and direction need no augmenting: the renderer draws ink, which has neither.
 *
 * <p>Slant is a shear {@code x' = x − s·y} (y down, so positive s leans the tops right), rotation
 * is about the drawing's centre, and tremor moves each point by Gaussian noise whose σ is a fraction
 * of the drawing's longer side, so every change is relative to the character's own size.
 */
public record StrokeAugmentation(double penMin, double penMax, double slant, double rotationDegrees,
        double stretch, double tremor) {

    /** The variation used to train on real strokes. */
    public static StrokeAugmentation standard() {
        return new StrokeAugmentation(0.08, 0.16, 0.35, 8, 0.2, 0.008);
    }

    /** The network's view of one randomly varied rendering of {@code strokes}. */
    public float[] render(List<Stroke> strokes, SplittableRandom random) {
        double pen = uniform(random, penMin, penMax);
        double shear = uniform(random, -slant, slant);
        double angle = Math.toRadians(uniform(random, -rotationDegrees, rotationDegrees));
        double widen = Math.exp(uniform(random, -stretch, stretch));
        double[] box = StrokeRenderer.bounds(strokes);
        double cx = (box[0] + box[2]) / 2;
        double cy = (box[1] + box[3]) / 2;
        double size = Math.max(box[2] - box[0], box[3] - box[1]);
        double sigma = tremor * size;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        List<Stroke> varied = new ArrayList<>(strokes.size());
        for (Stroke stroke : strokes) {
            double[] x = new double[stroke.size()];
            double[] y = new double[stroke.size()];
            for (int i = 0; i < stroke.size(); i++) {
                double px = (stroke.x()[i] - cx) * widen;
                double py = stroke.y()[i] - cy;
                px -= shear * py;
                x[i] = cos * px - sin * py + random.nextGaussian() * sigma;
                y[i] = sin * px + cos * py + random.nextGaussian() * sigma;
            }
            varied.add(new Stroke(x, y, stroke.t()));
        }
        return StrokeRenderer.render(varied, pen);
    }

    private static double uniform(SplittableRandom random, double min, double max) {
        return max > min ? min + (max - min) * random.nextDouble() : min;
    }
}
