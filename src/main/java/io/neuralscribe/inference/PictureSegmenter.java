package io.neuralscribe.inference;

import io.neuralscribe.raster.Preprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a picture of a written line into characters: the ink's connected components
 * (8-connected pixels above {@link #INK}) are the pieces, grouped by {@link CharacterGrouping}'s
 * rules exactly as strokes are. Each character is then cut out with only its own components' ink
 * — a neighbour's stroke reaching into its box is left out — and framed like any uploaded picture.
 *
 * <p>Specks smaller than {@value #MIN_SPECK} pixels (dust, JPEG noise) are not pieces.
 */
public final class PictureSegmenter {
    /** Ink level that makes a pixel part of a component: well above JPEG noise. */
    static final float INK = 0.3f;
    static final int MIN_SPECK = 4;

    private PictureSegmenter() {}

    /** One character of the picture: its network view and where it is. */
    public record Segment(float[] view, Box box, boolean spaceBefore, boolean joined) {}

    /**
     * @param maxPieces how many components are accepted before giving up (bounds the work)
     * @return the characters, left to right
     * @throws InvalidImageException when the picture has more pieces than {@code maxPieces}
     */
    public static List<Segment> segment(ImageDecoder.GrayImage image, int maxPieces) throws InvalidImageException {
        int width = image.width();
        int height = image.height();
        float[] ink = image.pixels();
        int[] component = new int[width * height];
        List<int[]> bounds = new ArrayList<>();
        int[] stack = new int[width * height];
        for (int start = 0; start < ink.length; start++) {
            if (ink[start] <= INK || component[start] != 0) {
                continue;
            }
            int id = bounds.size() + 1;
            int[] box = {start % width, start / width, start % width, start / width, 0};
            int top = 0;
            stack[top++] = start;
            component[start] = id;
            while (top > 0) {
                int at = stack[--top];
                int x = at % width;
                int y = at / width;
                box[0] = Math.min(box[0], x);
                box[1] = Math.min(box[1], y);
                box[2] = Math.max(box[2], x);
                box[3] = Math.max(box[3], y);
                box[4]++;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
                            int next = ny * width + nx;
                            if (component[next] == 0 && ink[next] > INK) {
                                component[next] = id;
                                stack[top++] = next;
                            }
                        }
                    }
                }
            }
            bounds.add(box);
        }
        List<Integer> kept = new ArrayList<>();
        List<CharacterGrouping.Piece> pieces = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            int[] b = bounds.get(i);
            if (b[4] >= MIN_SPECK) {
                kept.add(i + 1);
                // A pixel is a unit square: a one-pixel-wide stem is one wide, not zero.
                pieces.add(CharacterGrouping.Piece.untimed(new Box(b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1)));
            }
        }
        if (pieces.size() > maxPieces) {
            throw new InvalidImageException("too_many_pieces", "the picture has " + pieces.size()
                    + " separate marks; at most " + maxPieces + " are read");
        }
        List<Segment> segments = new ArrayList<>();
        for (CharacterGrouping.Group group : CharacterGrouping.group(pieces).groups()) {
            boolean[] mine = new boolean[bounds.size() + 1];
            for (int p : group.pieces()) {
                mine[kept.get(p)] = true;
            }
            float[] view = cut(ink, component, mine, width, height, group.box());
            if (view != null) {
                segments.add(new Segment(view, group.box(), group.spaceBefore(), group.joined()));
            }
        }
        return segments;
    }

    /**
     * The group's box widened by a pixel (the faint edge of its strokes lies just outside the
     * components), with every pixel of another component blanked, framed for the network.
     */
    private static float[] cut(float[] ink, int[] component, boolean[] mine, int width, int height, Box box) {
        int left = Math.max(0, (int) box.x() - 1);
        int top = Math.max(0, (int) box.y() - 1);
        int right = Math.min(width, (int) box.right() + 1);
        int bottom = Math.min(height, (int) box.bottom() + 1);
        int w = right - left;
        int h = bottom - top;
        float[] crop = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = (top + y) * width + left + x;
                int id = component[at];
                crop[y * w + x] = id != 0 && !mine[id] ? 0f : ink[at];
            }
        }
        return Preprocessing.fromUnitImage(crop, w, h);
    }
}
