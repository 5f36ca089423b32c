package io.neuralscribe.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrokeFileTest {
    @TempDir
    Path folder;

    private Path file(String... lines) throws Exception {
        Path file = folder.resolve("strokes.jsonl");
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void readsSamplesAndTurnsTabletYUpIntoCanvasYDown() throws Exception {
        Path file = file(
                "{\"label\":\"o\",\"bymerge\":\"O\",\"writer\":\"lab:w1\",\"category\":\"1c\",\"y_up\":true,"
                        + "\"y_scale\":0.5,\"strokes\":[[[0,10],[0,30]],[[5,5]]]}",
                "",
                "{\"label\":\"7\",\"strokes\":[[[1,2],[3,4]]]}");
        List<StrokeSample> samples = StrokeFile.read(file);
        assertEquals(2, samples.size());
        StrokeSample o = samples.get(0);
        assertEquals("o", o.label());
        assertEquals("O", o.bymergeLabel());
        assertEquals("lab:w1", o.writer());
        assertEquals("1c", o.category());
        assertEquals(2, o.strokes().size());
        // y up, scaled by 0.5: a pen going up the tablet goes up the canvas (y decreases).
        assertEquals(-5, o.strokes().get(0).y()[0], 1e-9);
        assertEquals(-15, o.strokes().get(0).y()[1], 1e-9);
        assertEquals(0, o.strokes().get(0).x()[1], 1e-9);
        StrokeSample seven = samples.get(1);
        assertEquals("7", seven.bymergeLabel(), "without a ByMerge label the label stands");
        assertEquals(4, seven.strokes().get(0).y()[1], 1e-9, "y down stays as it is");
        assertEquals("O", o.labelFor(List.of("0", "O", "a")), "a merged model reads o as O");
        assertEquals("o", o.labelFor(List.of("O", "o")), "a case-sensitive model keeps o");
    }

    @Test
    void badLinesSayWhichLineAndWhatIsWrong() throws Exception {
        String good = "{\"label\":\"1\",\"strokes\":[[[0,0],[0,1]]]}";
        String[][] cases = {
            {"not json", "line 2 is not a JSON object"},
            {"{\"strokes\":[[[0,0]]]}", "line 2: \"label\""},
            {"{\"label\":\"1\",\"strokes\":[]}", "line 2: \"strokes\""},
            {"{\"label\":\"1\",\"strokes\":[[[0,\"a\"]]]}", "line 2: a point"},
            {"{\"label\":\"1\",\"strokes\":[[]]}", "line 2: a stroke"},
            {"{\"label\":\"1\",\"y_scale\":0,\"strokes\":[[[0,0]]]}", "line 2: y_scale"},
        };
        for (String[] c : cases) {
            DataFileException e = assertThrows(DataFileException.class, () -> StrokeFile.read(file(good, c[0])));
            assertTrue(e.getMessage().contains(c[1]), c[0] + " → " + e.getMessage());
        }
        assertThrows(java.io.FileNotFoundException.class, () -> StrokeFile.read(folder.resolve("missing.jsonl")));
        assertThrows(DataFileException.class, () -> StrokeFile.read(file("")), "a file with no samples");
    }

    @Test
    void aboutOneWriterInTenIsHeldApartAlwaysTheSame() {
        int held = 0;
        for (int w = 0; w < 2000; w++) {
            String writer = "lab:writer-" + w;
            boolean apart = WriterSplit.heldApart(writer);
            assertEquals(apart, WriterSplit.heldApart(writer));
            held += apart ? 1 : 0;
        }
        assertTrue(held > 140 && held < 260, held + " of 2000 held apart");
    }
}
