package io.neuralscribe.raster;

import java.util.List;

/**
 * The one renderer from pen strokes to the network's 28×28 view, used by serving, evaluation and
 * training alike, so a drawing reaches the network the same way whichever path it takes.
 *
 * <p>The drawing is scaled, aspect ratio kept, so that the longer side of its points' bounding box
 * spans {@link #WORK_FIT} pixels of a square working canvas, and every stroke is drawn as a round pen
 * of diameter {@code pen × WORK_FIT}: each pixel's ink is its coverage by the pen, computed from its
 * centre's distance {@code d} to the stroke's nearest segment as {@code clamp(r + ½ − d, 0, 1)} for a
 * pen of radius {@code r} (a one-pixel linear ramp: antialiasing without supersampling). A one-point
 * stroke is a dot. The working canvas then goes through {@link Preprocessing#fromUnitImage} —
 * crop, area-averaged fit to 24 px, smoothing, centre of mass — exactly as an uploaded picture does.
 *
 * <p>The pen is relative to the drawing's size, not to the canvas it was drawn on, so how large a
 * person writes does not change how thick the network sees the strokes. {@link #PEN} matches the
 * ink of EMNIST's scanned characters (mean intensity of the 28×28 views).
 */
public final class StrokeRenderer {
    /** The standard pen's diameter as a fraction of the drawing's longer side. */
    public static final double PEN = 0.12;
    /** The longer side of the drawing on the working canvas, in pixels: 4× the final 24 px fit. */
    static final int WORK_FIT = 96;

    private StrokeRenderer() {}

    /** The network's view of a drawing with the standard pen, or {@code null} when it has no points. */
    public static float[] render(List<Stroke> strokes) {
        return render(strokes, PEN);
    }

    /**
     * @param pen the pen's diameter as a fraction of the drawing's longer side
     * @return the network's 28×28 view in [0, 1], or {@code null} when there are no points
     */
    public static float[] render(List<Stroke> strokes, double pen) {
        if (strokes.isEmpty()) {
            return null;
        }
        double radius = pen * WORK_FIT / 2;
        int margin = (int) Math.ceil(radius) + 2;
        int side = WORK_FIT + 2 * margin;
        float[] canvas = new float[side * side];
        double[] box = bounds(strokes);
        double extent = Math.max(box[2] - box[0], box[3] - box[1]);
        // A drawing with no extent (one dot) is drawn as a dot of the pen's size.
        double scale = extent > 0 ? WORK_FIT / extent : 1;
        double offsetX = margin + (WORK_FIT - (box[2] - box[0]) * scale) / 2 - box[0] * scale;
        double offsetY = margin + (WORK_FIT - (box[3] - box[1]) * scale) / 2 - box[1] * scale;
        for (Stroke stroke : strokes) {
            double px = stroke.x()[0] * scale + offsetX;
            double py = stroke.y()[0] * scale + offsetY;
            drawSegment(canvas, side, px, py, px, py, radius);
            for (int i = 1; i < stroke.size(); i++) {
                double qx = stroke.x()[i] * scale + offsetX;
                double qy = stroke.y()[i] * scale + offsetY;
                drawSegment(canvas, side, px, py, qx, qy, radius);
                px = qx;
                py = qy;
            }
        }
        return Preprocessing.fromUnitImage(canvas, side, side);
    }

    /** {minX, minY, maxX, maxY} of every point. */
    public static double[] bounds(List<Stroke> strokes) {
        double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Stroke stroke : strokes) {
            for (int i = 0; i < stroke.size(); i++) {
                box[0] = Math.min(box[0], stroke.x()[i]);
                box[1] = Math.min(box[1], stroke.y()[i]);
                box[2] = Math.max(box[2], stroke.x()[i]);
                box[3] = Math.max(box[3], stroke.y()[i]);
            }
        }
        return box;
    }

    /** Inks the capsule of radius {@code r} around segment (ax, ay)–(bx, by), keeping the darker value. */
    private static void drawSegment(float[] canvas, int side, double ax, double ay, double bx, double by, double r) {
        int x0 = Math.max(0, (int) Math.floor(Math.min(ax, bx) - r - 1));
        int x1 = Math.min(side - 1, (int) Math.ceil(Math.max(ax, bx) + r + 1));
        int y0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - r - 1));
        int y1 = Math.min(side - 1, (int) Math.ceil(Math.max(ay, by) + r + 1));
        double dx = bx - ax;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        for (int y = y0; y <= y1; y++) {
            double cy = y + 0.5;
            for (int x = x0; x <= x1; x++) {
                double cx = x + 0.5;
                // The nearest point of the segment: project, then clamp to the ends.
                double u = lengthSquared > 0 ? ((cx - ax) * dx + (cy - ay) * dy) / lengthSquared : 0;
                u = Math.max(0, Math.min(1, u));
                double ex = cx - (ax + u * dx);
                double ey = cy - (ay + u * dy);
                float ink = (float) Math.max(0, Math.min(1, r + 0.5 - Math.sqrt(ex * ex + ey * ey)));
                int index = y * side + x;
                if (ink > canvas[index]) {
                    canvas[index] = ink;
                }
            }
        }
    }
}
