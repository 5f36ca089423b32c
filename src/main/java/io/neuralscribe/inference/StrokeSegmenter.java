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
        for (CharacterGrouping.Group group : CharacterGrouping.group(pieces).groups()) {
            List<Stroke> members = new ArrayList<>(group.pieces().length);
            for (int i : group.pieces()) {
                members.add(strokes.get(i));
            }
            segments.add(new Segment(List.copyOf(members), group.box(), group.spaceBefore(), group.joined()));
        }
        return segments;
    }
}
