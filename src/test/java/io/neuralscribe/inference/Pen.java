package io.neuralscribe.inference;

import io.neuralscribe.raster.Stroke;

import java.util.ArrayList;
import java.util.List;

/** Synthetic pen strokes for segmentation tests: lines, dots and rings in canvas coordinates, y down. */
final class Pen {
    private Pen() {}

    /** A straight stroke from (x0, y0) to (x1, y1), ten points, no times. */
    static Stroke line(double x0, double y0, double x1, double y1) {
        return timedLine(x0, y0, x1, y1, Double.NaN);
    }

    /** The same, begun at {@code startMs} and drawn over 100 ms (no times when NaN). */
    static Stroke timedLine(double x0, double y0, double x1, double y1, double startMs) {
        int n = 10;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] t = Double.isNaN(startMs) ? null : new double[n];
        for (int i = 0; i < n; i++) {
            double u = i / (n - 1.0);
            x[i] = x0 + u * (x1 - x0);
            y[i] = y0 + u * (y1 - y0);
            if (t != null) {
                t[i] = startMs + 100 * u;
            }
        }
        return new Stroke(x, y, t);
    }

    static Stroke dot(double x, double y) {
        return new Stroke(new double[] {x, x + 0.5}, new double[] {y, y + 0.5}, null);
    }

    /** An ellipse in the box (left, top, width, height). */
    static Stroke ring(double left, double top, double width, double height) {
        int n = 24;
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * i / n;
            x[i] = left + width / 2 * (1 + Math.cos(a));
            y[i] = top + height / 2 * (1 + Math.sin(a));
        }
        return new Stroke(x, y, null);
    }

    /** A zigzag like joined-up writing: {@code humps} arches across {@code width}. */
    static Stroke zigzag(double left, double top, double width, double height, int humps) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i <= humps * 8; i++) {
            double u = i / (humps * 8.0);
            points.add(new double[] {left + u * width, top + height * (0.5 + 0.5 * Math.cos(u * humps * 2 * Math.PI))});
        }
        return new Stroke(points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), null);
    }

    /** Every point scaled by {@code factor} about the origin. */
    static List<Stroke> scaled(List<Stroke> strokes, double factor) {
        return strokes.stream().map(s -> s.map(new Stroke.PointTransform() {
            @Override
            public double x(double x, double y) {
                return x * factor;
            }

            @Override
            public double y(double x, double y) {
                return y * factor;
            }
        })).toList();
    }
}
