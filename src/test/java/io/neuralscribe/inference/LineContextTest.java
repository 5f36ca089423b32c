package io.neuralscribe.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LineContextTest {
    private static final LineContext BYMERGE = new LineContext(TestModels.BYMERGE_CLASSES, null);
    private static final LineContext BYCLASS = new LineContext(TestModels.BYCLASS_CLASSES, null);

    /** A probability vector: the given classes, the rest of the mass spread evenly. */
    private static float[] p(List<String> classes, Map<String, Double> given) {
        float[] out = new float[classes.size()];
        double rest = 1 - given.values().stream().mapToDouble(Double::doubleValue).sum();
        for (int c = 0; c < out.length; c++) {
            out[c] = (float) (double) given.getOrDefault(classes.get(c), rest / (classes.size() - given.size()));
        }
        return out;
    }

    private static float[] m(Object... labelsAndProbabilities) {
        return vector(TestModels.BYMERGE_CLASSES, labelsAndProbabilities);
    }

    private static float[] c(Object... labelsAndProbabilities) {
        return vector(TestModels.BYCLASS_CLASSES, labelsAndProbabilities);
    }

    private static float[] vector(List<String> classes, Object... pairs) {
        Map<String, Double> given = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            given.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return p(classes, given);
    }

    /** One word per string in {@code words}, each character's vector a clear reading of it. */
    private static List<float[]> clear(String text) {
        List<float[]> out = new ArrayList<>();
        for (char ch : text.replace(" ", "").toCharArray()) {
            String label = String.valueOf(ch);
            out.add(m(TestModels.BYMERGE_CLASSES.contains(label) ? label : label.toUpperCase(), 0.95));
        }
        return out;
    }

    private static boolean[] spaces(String text) {
        List<Boolean> out = new ArrayList<>();
        boolean space = false;
        for (char ch : text.toCharArray()) {
            if (ch == ' ') {
                space = true;
            } else {
                out.add(space);
                space = false;
            }
        }
        boolean[] array = new boolean[out.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = out.get(i);
        }
        return array;
    }

    @Test
    void digitsAmongDigits() {
        List<float[]> line = List.of(m("1", 0.9), m("O", 0.6, "0", 0.3), m("5", 0.9));
        boolean[] spaces = new boolean[3];
        assertEquals("1O5", BYMERGE.alone(line, spaces).text());
        LineContext.Result read = BYMERGE.choose(line, spaces, LineContext.anyShape());
        assertEquals("105", read.text());
        assertEquals(0.3, read.characters().get(1).confidence(), 1e-6, "the choice says what it rests on");
        assertEquals(LineContext.Shape.DIGITS, read.words().get(0).shape());
    }

    @Test
    void aClearReadingIsNotOverridden() {
        List<float[]> line = List.of(m("1", 0.9), m("O", 0.995, "0", 0.001), m("5", 0.9));
        assertEquals("1O5", BYMERGE.choose(line, new boolean[3], LineContext.anyShape()).text());
    }

    @Test
    void lettersAmongLetters() {
        List<float[]> line = new ArrayList<>(clear("HOUSE"));
        line.set(1, m("0", 0.6, "O", 0.35));
        assertEquals("H0USE", BYMERGE.alone(line, new boolean[5]).text());
        assertEquals("HOUSE", BYMERGE.choose(line, new boolean[5], LineContext.anyShape()).text());
    }

    @Test
    void smallLettersStaySmallWithAMergedModel() {
        // ByMerge has e, h but not l, o: a written "hello" comes out of the network as "heLLO".
        List<float[]> line = clear("hello");
        assertEquals("heLLO", BYMERGE.alone(line, new boolean[5]).text());
        assertEquals("hello", BYMERGE.choose(line, new boolean[5], LineContext.anyShape()).text());
    }

    @Test
    void lookAlikeCasesCountTogether() {
        // A 62-class model torn between o and O is sure of the letter.
        List<float[]> line = List.of(c("S", 0.9), c("o", 0.45, "O", 0.4, "0", 0.1), c("X", 0.5, "x", 0.45));
        assertEquals("SoX", BYCLASS.alone(line, new boolean[3]).text());
        LineContext.Result read = BYCLASS.choose(line, new boolean[3], LineContext.anyShape());
        assertEquals("SOX", read.text());
        assertEquals(0.85, read.characters().get(1).confidence(), 1e-6);
    }

    @Test
    void aWordOfLookAlikesTakesTheLinesCase() {
        assertEquals("THE OX", BYMERGE.choose(clear("THE OX"), spaces("THE OX"), LineContext.anyShape()).text());
        assertEquals("the ox", BYMERGE.choose(clear("the ox"), spaces("the ox"), LineContext.anyShape()).text());
    }

    @Test
    void theWordListBreaksNearTiesOnly() {
        LineContext withWords = new LineContext(TestModels.BYMERGE_CLASSES, WordList.of(List.of("house", "horse")));
        List<float[]> hesitant = new ArrayList<>(clear("HOUSE"));
        hesitant.set(2, m("V", 0.5, "U", 0.4));
        assertEquals("HOVSE", BYMERGE.choose(hesitant, new boolean[5], LineContext.anyShape()).text());
        LineContext.Result read = withWords.choose(hesitant, new boolean[5], LineContext.anyShape());
        assertEquals("HOUSE", read.text());
        assertTrue(read.words().get(0).listed());

        List<float[]> sure = new ArrayList<>(clear("HOUSE"));
        sure.set(2, m("V", 0.95, "U", 0.01));
        LineContext.Result kept = withWords.choose(sure, new boolean[5], LineContext.anyShape());
        assertEquals("HOVSE", kept.text());
        assertFalse(kept.words().get(0).listed());
    }

    @Test
    void wordsAreReadOneByOne() {
        List<float[]> line = new ArrayList<>(clear("BUS 42"));
        line.set(3, m("A", 0.5, "4", 0.45));
        assertEquals("BUS A2", BYMERGE.alone(line, spaces("BUS 42")).text());
        LineContext.Result read = BYMERGE.choose(line, spaces("BUS 42"), LineContext.anyShape());
        assertEquals("BUS 42", read.text());
        assertEquals(List.of("BUS", "42"), read.words().stream().map(LineContext.Word::text).toList());
        assertEquals(3, read.words().get(1).start());
    }

    @Test
    void allowedShapesNarrowTheChoice() {
        List<float[]> line = List.of(m("S", 0.7, "5", 0.2), m("Z", 0.7, "2", 0.2));
        assertEquals("52", BYMERGE.choose(line, new boolean[2], EnumSet.of(LineContext.Shape.DIGITS)).text());
        assertEquals("SZ", BYMERGE.choose(line, new boolean[2], LineContext.anyShape()).text());
    }

    @Test
    void theShippedEnglishListLoads() {
        WordList english = WordList.english();
        assertTrue(english.size() > 10_000);
        assertTrue(english.contains("House"));
        assertFalse(english.contains("hovse"));
    }
}
