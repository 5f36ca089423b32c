package io.neuralscribe.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class LineComposerTest {
    /** Two writers; each sample is two strokes in raw units of its own size (a tablet's). */
    private static List<StrokeSample> samples() {
        List<StrokeSample> out = new ArrayList<>();
        for (String writer : List.of("a:1", "b:2")) {
            double units = writer.equals("a:1") ? 1 : 37;
            for (String label : List.of("0", "1", "2", "3", "4", "5", "A", "B", "C", "D", "e", "g", "h")) {
                out.add(new StrokeSample(label, label, writer, "1a", List.of(
                        new Stroke(new double[] {0, 30 * units}, new double[] {0, 80 * units}, null),
                        new Stroke(new double[] {5 * units, 25 * units}, new double[] {40 * units, 40 * units}, null))));
            }
        }
        return out;
    }

    @Test
    void theSameSeedComposesTheSameLines() {
        List<LineComposer.Line> a = LineComposer.compose(samples(), 3, 11);
        List<LineComposer.Line> b = LineComposer.compose(samples(), 3, 11);
        List<LineComposer.Line> c = LineComposer.compose(samples(), 3, 12);
        assertEquals(a.stream().map(LineComposer.Line::text).toList(), b.stream().map(LineComposer.Line::text).toList());
        assertEquals(a.get(0).strokes(), b.get(0).strokes());
        assertNotEquals(a.stream().map(LineComposer.Line::text).toList(), c.stream().map(LineComposer.Line::text).toList());
    }

    @Test
    void linesAreOneWritersCharactersSideBySide() {
        List<StrokeSample> samples = samples();
        Map<String, List<String>> labelsOf = samples.stream().collect(Collectors.groupingBy(StrokeSample::writer,
                Collectors.mapping(StrokeSample::label, Collectors.toList())));
        List<LineComposer.Line> lines = LineComposer.compose(samples, 4, 3);
        assertEquals(2 * 4 * 4, lines.size(), "four kinds, four lines each, two writers");
        for (LineComposer.Line line : lines) {
            int n = line.labels().size();
            assertTrue(n >= 3 && n <= 8, line.text());
            assertTrue(labelsOf.get(line.writer()).containsAll(line.labels()), "the writer's own characters");
            assertEquals(2 * n, line.strokes().size());
            double previousRight = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < n; c++) {
                List<Stroke> mine = new ArrayList<>();
                for (int s = 0; s < line.strokes().size(); s++) {
                    if (line.owner()[s] == c) {
                        mine.add(line.strokes().get(s));
                    }
                }
                double[] box = StrokeRenderer.bounds(mine);
                double gap = box[0] - previousRight;
                if (c > 0) {
                    double min = (line.spaceBefore()[c] ? LineComposer.MIN_SPACE : LineComposer.MIN_GAP) * LineComposer.HEIGHT;
                    double max = (line.spaceBefore()[c] ? LineComposer.MAX_SPACE : LineComposer.MAX_GAP) * LineComposer.HEIGHT;
                    assertTrue(gap >= min - 1e-6 && gap <= max + 1e-6, line.text() + ": gap " + gap);
                }
                previousRight = box[2];
                // Capitals and digits are a line's height, whatever the tablet's units, within the size jitter.
                if (!Character.isLowerCase(line.labels().get(c).charAt(0))) {
                    assertEquals(LineComposer.HEIGHT, box[3] - box[1], 0.09 * LineComposer.HEIGHT);
                }
            }
            switch (line.kind()) {
                case NUMBER -> assertTrue(line.text().matches("[0-9]{5}"), line.text());
                case DIGITS -> assertTrue(line.text().matches("[0-9]+( [0-9]+)?"), line.text());
                case LETTERS -> assertTrue(line.text().matches("[A-Za-z]+( [A-Za-z]+)?"), line.text());
                case MIXED -> assertTrue(line.text().matches("[A-Za-z]{2,} [0-9]{2,}"), line.text());
            }
        }
    }

    @Test
    void smallLettersSitAtXHeightAndDescendersBelowTheBaseline() {
        assertEquals(-0.6, LineComposer.verticalExtent("e")[0]);
        assertEquals(0.4, LineComposer.verticalExtent("g")[1]);
        assertEquals(-1, LineComposer.verticalExtent("h")[0]);
        assertEquals(-1, LineComposer.verticalExtent("E")[0]);
    }
}
