package io.neuralscribe.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelMappingTest {
    @TempDir
    Path dir;

    @Test
    void crlfLinesAndTrailingBlankLine() throws Exception {
        Path file = write("0 48\r\n1 49\r\n2 65\r\n\r\n");
        LabelMapping mapping = LabelMapping.read(file);
        assertEquals(List.of("0", "1", "A"), mapping.classes());
        assertEquals(2, mapping.classOf(2));
    }

    @Test
    void lettersStartAtLabelOneWithThreeColumns() throws Exception {
        Path file = write("1 65 97\n2 66 98\n3 67 99\n");
        LabelMapping mapping = LabelMapping.read(file);
        assertEquals(List.of("A", "B", "C"), mapping.classes());
        assertEquals(0, mapping.classOf(1));
        assertEquals(2, mapping.classOf(3));
        assertThrows(IllegalArgumentException.class, () -> mapping.classOf(0));
    }

    @Test
    void helperWritesWhatTheReaderExpects() throws Exception {
        Path letters = dir.resolve("letters.txt");
        IdxTestFiles.writeMapping(letters, List.of("A", "B"), 1);
        assertEquals("1 65 97\n2 66 98\n", Files.readString(letters));
        assertEquals(List.of("A", "B"), LabelMapping.read(letters).classes());
        Path digits = dir.resolve("digits.txt");
        IdxTestFiles.writeMapping(digits, List.of("0", "1", "2"));
        assertEquals(1, LabelMapping.read(digits).classOf(1));
    }

    @Test
    void badLineIsNamedWithItsNumber() throws Exception {
        Path file = write("0 48\n1 forty-nine\n");
        DataFileException e = assertThrows(DataFileException.class, () -> LabelMapping.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void oneColumnRepeatedLabelUnprintableAndEmptyAreRejected() throws Exception {
        for (String text : List.of("0\n", "0 48\n0 49\n", "0 7\n", "\n\n")) {
            Path file = write(text);
            DataFileException e = assertThrows(DataFileException.class, () -> LabelMapping.read(file),
                    () -> "should reject " + text.replace("\n", "\\n"));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    private int files;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("mapping-" + files++ + ".txt");
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }
}
