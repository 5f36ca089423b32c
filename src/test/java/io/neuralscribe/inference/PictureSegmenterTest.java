package io.neuralscribe.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.util.List;

import org.junit.jupiter.api.Test;

class PictureSegmenterTest {
    private static final int W = 300;
    private static final int H = 100;

    private static void fill(float[] ink, int x0, int y0, int x1, int y1) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                ink[y * W + x] = 1f;
            }
        }
    }

    /** An i (stem and dot), a bar reaching under the next character's box, an L, and dust. */
    private static float[] line() {
        float[] ink = new float[W * H];
        fill(ink, 20, 35, 25, 85);     // i's stem
        fill(ink, 20, 15, 25, 22);     // i's dot
        fill(ink, 60, 15, 66, 85);     // a 1
        fill(ink, 100, 15, 106, 85);   // an L: stem…
        fill(ink, 100, 80, 140, 85);   // …and foot
        fill(ink, 200, 15, 206, 85);   // after a space: another 1
        ink[50 * W + 170] = 1f;        // a speck of dust
        return ink;
    }

    @Test
    void inkIsSplitIntoCharactersLikeStrokes() throws Exception {
        List<PictureSegmenter.Segment> segments = PictureSegmenter.segment(
                new ImageDecoder.GrayImage(line(), W, H), 64);
        assertEquals(4, segments.size(), "the dot joins its stem; the speck is no character");
        assertEquals(15, segments.get(0).box().y(), 1e-9, "the i reaches up to its dot");
        assertEquals(List.of(false, false, false, true),
                segments.stream().map(PictureSegmenter.Segment::spaceBefore).toList());
        assertTrue(segments.stream().noneMatch(PictureSegmenter.Segment::joined));
    }

    @Test
    void aCharacterIsCutWithItsOwnInkOnly() throws Exception {
        float[] ink = line();
        // A stroke of the L's neighbour poking into the L's box, not touching the L.
        fill(ink, 135, 20, 137, 40);
        fill(ink, 137, 20, 160, 22);
        List<PictureSegmenter.Segment> segments = PictureSegmenter.segment(new ImageDecoder.GrayImage(ink, W, H), 64);
        PictureSegmenter.Segment ell = segments.get(2);
        float[] alone = new float[W * H];
        fill(alone, 100, 15, 106, 85);
        fill(alone, 100, 80, 140, 85);
        float[] expected = PictureSegmenter.segment(new ImageDecoder.GrayImage(alone, W, H), 64).get(0).view();
        float[] withNeighbour = ell.view();
        assertEquals(expected.length, withNeighbour.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], withNeighbour[i], 1e-6, "pixel " + i + ": the neighbour's ink is left out");
        }
    }

    @Test
    void tooManyMarksAreRefused() {
        float[] ink = new float[W * H];
        for (int x = 2; x < W - 2; x += 4) {
            fill(ink, x, 10, x + 1, 11);
        }
        InvalidImageException e = assertThrows(InvalidImageException.class,
                () -> PictureSegmenter.segment(new ImageDecoder.GrayImage(ink, W, H), 20));
        assertEquals("too_many_pieces", e.code());
    }
}
