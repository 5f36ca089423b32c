package io.neuralscribe.raster;

/** Strokes written out in tests as their points: {@code of(x0, y0, x1, y1, …)}, no times. */
public final class TestStrokes {
    private TestStrokes() {}

    public static Stroke of(double... xy) {
        double[] x = new double[xy.length / 2];
        double[] y = new double[xy.length / 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = xy[2 * i];
            y[i] = xy[2 * i + 1];
        }
        return new Stroke(x, y, null);
    }
}
