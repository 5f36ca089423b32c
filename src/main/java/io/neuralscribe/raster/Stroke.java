package io.neuralscribe.raster;

import java.util.Arrays;

/**
 * One pen-down trace, its points in drawing order: x right, y <b>down</b> (canvas convention), in
 * any unit — the renderer scales each drawing to its own size. Stroke data whose y grows upward
 * (tablets) is flipped when it is read, never here.
 *
 * @param x the points' x coordinates
 * @param y the points' y coordinates, as many as {@code x}
 * @param t milliseconds since some fixed instant, as many as {@code x}, or {@code null} when the
 *     source gave no times
 */
public record Stroke(double[] x, double[] y, double[] t) {

    public Stroke {
        if (x.length != y.length || (t != null && t.length != x.length)) {
            throw new IllegalArgumentException("a stroke's coordinate lists differ in length");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("a stroke needs at least one point");
        }
    }

    public int size() {
        return x.length;
    }

    /** The same stroke with every point moved through {@code transform}; times are kept. */
    public Stroke map(PointTransform transform) {
        double[] nx = new double[x.length];
        double[] ny = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            nx[i] = transform.x(x[i], y[i]);
            ny[i] = transform.y(x[i], y[i]);
        }
        return new Stroke(nx, ny, t);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Stroke s && Arrays.equals(x, s.x) && Arrays.equals(y, s.y) && Arrays.equals(t, s.t);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(x) + Arrays.hashCode(y)) + Arrays.hashCode(t);
    }

    @Override
    public String toString() {
        return "Stroke[" + x.length + " points]";
    }

    /** A map of the plane, given coordinate by coordinate. */
    public interface PointTransform {
        double x(double x, double y);

        double y(double x, double y);
    }
}
