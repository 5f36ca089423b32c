package io.neuralscribe.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassFoldingTest {
    @Test
    void lowerCaseLettersByMergeMergedAreReadAsTheirCapitals() {
        List<String> byClass = List.of("0", "C", "O", "a", "c", "o");
        List<String> byMerge = List.of("0", "C", "O", "a");
        // a stays a (ByMerge keeps it); c and o fold into C and O.
        assertArrayEquals(new int[] {0, 1, 2, 3, 1, 2}, ClassFolding.fold(byClass, byMerge));
    }

    @Test
    void aClassWithNoCounterpartIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClassFolding.fold(List.of("0", "x"), List.of("0", "1")));
        assertEquals("class 'x' has no counterpart among 0 1", error.getMessage());
    }

    @Test
    void aMergedClassAnswersForTwoWrittenCharacters() {
        List<String> byMerge = List.of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabdefghnqrt".split(""));
        long[] counts = ClassFolding.writtenLabelsPerClass(byMerge);
        assertEquals(2, counts[byMerge.indexOf("O")], "O and o");
        assertEquals(1, counts[byMerge.indexOf("0")]);
        assertEquals(1, counts[byMerge.indexOf("a")], "a keeps its own class");
        assertEquals(1, counts[byMerge.indexOf("A")]);
        assertEquals(62, java.util.Arrays.stream(counts).sum());
        List<String> byClass = List.of(ClassFolding.WRITTEN_LABELS.split(""));
        assertTrue(java.util.Arrays.stream(ClassFolding.writtenLabelsPerClass(byClass)).allMatch(c -> c == 1));
        assertArrayEquals(new long[] {1, 1, 2, 1}, ClassFolding.writtenLabelsPerClass(List.of("0", "1", "O", "-")),
                "digits only, O for O and o, and a symbol of its own");
    }

    @Test
    void identityMapsEachClassToItself() {
        assertArrayEquals(new int[] {0, 1, 2}, ClassFolding.identity(3));
    }
}
