package io.neuralscribe.cli;

import io.neuralscribe.inference.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code evaluate --adapt} end to end on a small stroke file and a random-weight model. */
class AdaptEvaluationCommandTest {
    @TempDir
    Path folder;

    /** Two writers, each with 6 random scribbles of 30 classes; a third with too few to count. */
    private Path strokeFile() throws Exception {
        StringBuilder lines = new StringBuilder();
        Random random = new Random(3);
        for (String writer : new String[] {"lab:one", "lab:two", "lab:few"}) {
            int classes = writer.equals("lab:few") ? 5 : 30;
            for (int c = 0; c < classes; c++) {
                String label = TestModels.BYMERGE_CLASSES.get(c);
                for (int i = 0; i < 6; i++) {
                    StringBuilder points = new StringBuilder();
                    for (int p = 0; p < 8; p++) {
                        points.append(p == 0 ? "" : ",").append('[').append(c * 7 + random.nextInt(40)).append(',')
                                .append(random.nextInt(60)).append(']');
                    }
                    lines.append("{\"label\":\"").append(label).append("\",\"writer\":\"").append(writer)
                            .append("\",\"strokes\":[[").append(points).append("]]}\n");
                }
            }
        }
        return Files.writeString(folder.resolve("strokes.jsonl"), lines);
    }

    @Test
    void itPrintsEachWritersFiguresAndTheUpdateTime() throws Exception {
        Path model = TestModels.randomCompact(folder.resolve("m.nsmodel"), 4);
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int exit = cli.execute("evaluate", "--model", model.toString(), "--adapt", strokeFile().toString(), "--draws", "1");
        String text = out.toString();
        assertEquals(0, exit, text);
        assertTrue(text.contains("to 2 writers"), text);
        assertTrue(text.contains("lab:one") && text.contains("lab:two") && !text.contains("lab:few"), text);
        assertTrue(text.contains("writers' mean"), text);
        assertTrue(text.contains("another writer's profile"), text);
        assertTrue(text.contains("Adding a sample, then the next prediction using it: p50"), text);
    }
}
