package io.neuralscribe.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.raster.Stroke;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StrokeSegmenterTest {
    /** Characters 100 units tall on a baseline at y = 100. */
    private static final double H = 100;

    private static List<Integer> sizes(List<StrokeSegmenter.Segment> segments) {
        return segments.stream().map(s -> s.strokes().size()).toList();
    }

    @Test
    void dotsAndCrossbarsJoinTheirStems() {
        List<Stroke> strokes = List.of(
                Pen.line(20, 40, 20, 100), Pen.dot(22, 15),            // i
                Pen.line(100, 0, 100, 100), Pen.line(80, 30, 125, 30),  // t
                Pen.line(170, 40, 230, 40), Pen.line(170, 65, 230, 65)); // =
        List<StrokeSegmenter.Segment> segments = StrokeSegmenter.segment(strokes);
        assertEquals(List.of(2, 2, 2), sizes(segments));
        assertEquals(strokes.get(1), segments.get(0).strokes().get(1), "the dot belongs to the i");
    }

    @Test
    void strokesThatTouchAreOneCharacter() {
        // An H whose bar stops just short of its stems and a K whose arms start a little right of
        // its stem: no centre lies over another piece, but the ink nearly touches. Then a 1.
        List<Stroke> strokes = List.of(
                Pen.line(0, 0, 0, 100), Pen.line(7, 50, 53, 50), Pen.line(60, 0, 60, 100),
                Pen.line(100, 0, 100, 100), Pen.line(160, 0, 107, 50), Pen.line(107, 50, 160, 100),
                Pen.line(190, 0, 190, 100));
        assertEquals(List.of(3, 3, 1), sizes(StrokeSegmenter.segment(strokes)));
    }

    @Test
    void aFlagAboveItsBodyJoinsIt() {
        // A 5 whose flag floats above and to the right of its body: stacked, a third overlapping.
        List<Stroke> strokes = List.of(Pen.ring(0, 40, 50, 60), Pen.line(35, 5, 100, 5), Pen.line(150, 0, 150, 100));
        assertEquals(List.of(2, 1), sizes(StrokeSegmenter.segment(strokes)));
    }

    @Test
    void separatedCharactersComeOutLeftToRightWhateverTheDrawingOrder() {
        List<Stroke> strokes = new ArrayList<>(List.of(
                Pen.line(200, 0, 200, 100),                 // 1, drawn first, rightmost
                Pen.ring(0, 0, 60, 100),                     // 0
                Pen.line(100, 0, 160, 0), Pen.line(160, 0, 110, 100))); // 7 in two strokes
        List<StrokeSegmenter.Segment> segments = StrokeSegmenter.segment(strokes);
        assertEquals(List.of(1, 2, 1), sizes(segments));
        assertEquals(strokes.get(1), segments.get(0).strokes().get(0));
        assertEquals(strokes.get(0), segments.get(2).strokes().get(0));
        assertTrue(segments.stream().noneMatch(StrokeSegmenter.Segment::spaceBefore));
    }

    @Test
    void aDotWrittenAfterTheWordStillFindsItsStem() {
        List<Stroke> strokes = List.of(
                Pen.line(0, 40, 0, 100), Pen.line(40, 40, 40, 100), Pen.line(80, 40, 80, 100),
                Pen.dot(41, 15));
        List<StrokeSegmenter.Segment> segments = StrokeSegmenter.segment(strokes);
        assertEquals(List.of(1, 2, 1), sizes(segments));
    }

    @Test
    void wideGapsStartWordsAtAnyScale() {
        List<Stroke> strokes = new ArrayList<>();
        double x = 0;
        double[] gaps = {25, 20, 110, 30, 0};
        for (double gap : gaps) {
            strokes.add(Pen.ring(x, 0, 60, H));
            x += 60 + gap;
        }
        for (double scale : new double[] {1, 0.07, 13}) {
            List<StrokeSegmenter.Segment> segments = StrokeSegmenter.segment(Pen.scaled(strokes, scale));
            assertEquals(List.of(false, false, false, true, false),
                    segments.stream().map(StrokeSegmenter.Segment::spaceBefore).toList(), "scale " + scale);
        }
    }

    @Test
    void aWriterWhoSpacesLettersWidelyStillGetsWords() {
        List<Stroke> strokes = new ArrayList<>();
        double x = 0;
        for (double gap : new double[] {40, 40, 70, 40, 0}) {
            strokes.add(Pen.ring(x, 0, 60, H));
            x += 60 + gap;
        }
        List<Boolean> spaces = StrokeSegmenter.segment(strokes).stream().map(StrokeSegmenter.Segment::spaceBefore).toList();
        assertEquals(List.of(false, false, false, true, false), spaces);
    }

    @Test
    void joinedWritingIsFlaggedNotSplit() {
        List<StrokeSegmenter.Segment> segments = StrokeSegmenter.segment(List.of(
                Pen.line(0, 0, 0, 100), Pen.zigzag(50, 40, 250, 60, 4)));
        assertEquals(2, segments.size());
        assertFalse(segments.get(0).joined());
        assertTrue(segments.get(1).joined());
    }

    @Test
    void aPenLiftedAndPutBackAtOnceContinuesTheCharacter() {
        // Two strokes overlapping by a third of the narrower: one character only when drawn in quick succession.
        Stroke first = Pen.timedLine(0, 0, 50, 100, 0);
        Stroke quick = Pen.timedLine(32, 0, 92, 100, 250);
        Stroke late = Pen.timedLine(32, 0, 92, 100, 2000);
        assertEquals(1, StrokeSegmenter.segment(List.of(first, quick)).size());
        assertEquals(2, StrokeSegmenter.segment(List.of(first, late)).size());
        assertEquals(2, StrokeSegmenter.segment(List.of(Pen.line(0, 0, 50, 100), Pen.line(32, 0, 92, 100))).size(),
                "without times, a third is not enough");
    }

    @Test
    void aLoneDotFarFromAnyStemStaysACharacter() {
        List<StrokeSegmenter.Segment> segments = StrokeSegmenter.segment(List.of(
                Pen.line(0, 0, 0, 100), Pen.dot(90, 95)));
        assertEquals(2, segments.size());
    }

    @Test
    void nothingWrittenIsNoCharacters() {
        assertTrue(StrokeSegmenter.segment(List.of()).isEmpty());
    }
}
