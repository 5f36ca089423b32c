package io.neuralscribe.inference;

import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the strokes of a written line into characters, by {@link CharacterGrouping}'s rules: each
 * stroke is one piece, with its box and, when the page sent times, when it began and ended.
 */
public final class StrokeSegmenter {
    private StrokeSegmenter() {}

    /**
     * One character's strokes, in drawing order.
     *
     * @param spaceBefore true when a word starts here
     * @param joined true when it looks like several letters written together (not separated)
     */
    public record Segment(List<Stroke> strokes, Box box, boolean spaceBefore, boolean joined) {}

    /** The characters, left to right; none when there are no strokes. */
    public static List<Segment> segment(List<Stroke> strokes) {
        List<CharacterGrouping.Piece> pieces = new ArrayList<>(strokes.size());
        for (Stroke stroke : strokes) {
            Box box = Box.fromBounds(StrokeRenderer.bounds(List.of(stroke)));
            double[] t = stroke.t();
            pieces.add(t == null ? CharacterGrouping.Piece.untimed(box)
                    : new CharacterGrouping.Piece(box, t[0], t[t.length - 1]));
        }
        List<Segment> segments = new ArrayList<>();
        CharacterGrouping.Distance distance = (i, j) -> distance(strokes.get(i), strokes.get(j));
        for (CharacterGrouping.Group group : CharacterGrouping.group(pieces, distance).groups()) {
            List<Stroke> members = new ArrayList<>(group.pieces().length);
            for (int i : group.pieces()) {
                members.add(strokes.get(i));
            }
            segments.add(new Segment(List.copyOf(members), group.box(), group.spaceBefore(), group.joined()));
        }
        return segments;
    }

    /** The least distance between two strokes: from each one's points to the other's segments. */
    static double distance(Stroke a, Stroke b) {
        return Math.min(pointsToSegments(a, b), pointsToSegments(b, a));
    }

    private static double pointsToSegments(Stroke points, Stroke path) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            double px = points.x()[i];
            double py = points.y()[i];
            if (path.size() == 1) {
                best = Math.min(best, Math.hypot(px - path.x()[0], py - path.y()[0]));
            }
            for (int k = 1; k < path.size(); k++) {
                best = Math.min(best, toSegment(px, py, path.x()[k - 1], path.y()[k - 1], path.x()[k], path.y()[k]));
            }
        }
        return best;
    }

    private static double toSegment(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        double u = lengthSquared > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared)) : 0;
        return Math.hypot(px - (ax + u * dx), py - (ay + u * dy));
    }
}
