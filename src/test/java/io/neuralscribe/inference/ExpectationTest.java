package io.neuralscribe.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectationTest {
    private static final List<String> BYMERGE = TestModels.BYMERGE_CLASSES;
    private static final List<String> BYCLASS = TestModels.BYCLASS_CLASSES;

    private static String allowed(Expectation e, List<String> classes) {
        boolean[] mask = e.allowed(classes);
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < mask.length; c++) {
            if (mask[c]) {
                out.append(classes.get(c));
            }
        }
        return out.toString();
    }

    @Test
    void eachExpectationKeepsTheClassesThatFit() {
        assertEquals("0123456789", allowed(Expectation.DIGITS, BYMERGE));
        assertEquals("ABCDEFGHIJKLMNOPQRSTUVWXYZ", allowed(Expectation.UPPER, BYMERGE));
        // ByMerge has no o, s, c...: a written o can only be answered O, so lower case keeps those capitals.
        assertEquals("CIJKLMOPSUVWXYZabdefghnqrt", allowed(Expectation.LOWER, BYMERGE));
        assertEquals("abcdefghijklmnopqrstuvwxyz", allowed(Expectation.LOWER, BYCLASS));
        assertEquals("ABCDEFGHIJKLMNOPQRSTUVWXYZ", allowed(Expectation.UPPER, BYCLASS));
        assertEquals(52, allowed(Expectation.LETTERS, BYCLASS).length());
        assertEquals(62, allowed(Expectation.ANY, BYCLASS).length());
        assertEquals(Expectation.LOWER, Expectation.parse("lower"));
        assertNull(Expectation.parse("Lower"));
    }

    private static Prediction prediction(Map<String, Double> probabilities) {
        float[] p = new float[BYMERGE.size()];
        probabilities.forEach((label, v) -> p[BYMERGE.indexOf(label)] = v.floatValue());
        List<RankedLabel> top3 = Prediction.rank(p, BYMERGE, 3);
        return new Prediction(false, "bymerge", top3.get(0).label(), top3.get(0).confidence(), p, top3, 1,
                new int[0], Map.of(), List.of(), Expectation.ANY, null);
    }

    @Test
    void restrictingRenormalizesAmongTheAllowedClasses() {
        Prediction p = prediction(Map.of("0", 0.6, "O", 0.3, "D", 0.1));
        Prediction letters = p.restrictedTo(Expectation.LETTERS, BYMERGE);
        assertEquals("O", letters.label());
        assertEquals(0.75, letters.confidence(), 1e-6);
        assertEquals(0f, letters.probabilities()[BYMERGE.indexOf("0")]);
        double sum = 0;
        for (float v : letters.probabilities()) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-5);
        assertEquals(Expectation.LETTERS, letters.expect());
        assertNull(letters.lookAlike(), "D is not written like O, and far behind");
        Prediction digits = p.restrictedTo(Expectation.DIGITS, BYMERGE);
        assertEquals("0", digits.label());
        assertEquals(1.0, digits.confidence(), 1e-6);
    }

    @Test
    void aCloseLookAlikeIsSaid() {
        Prediction p = prediction(Map.of("0", 0.55, "O", 0.4, "Q", 0.05));
        Prediction any = p.restrictedTo(Expectation.ANY, BYMERGE);
        assertEquals("O", any.lookAlike().label());
        assertNull(prediction(Map.of("0", 0.9, "O", 0.08, "Q", 0.02)).restrictedTo(Expectation.ANY, BYMERGE).lookAlike(),
                "not when the runner-up is far behind");
        assertNull(prediction(Map.of("4", 0.5, "9", 0.45, "Q", 0.05)).restrictedTo(Expectation.ANY, BYMERGE).lookAlike(),
                "not when the two are not written alike");
        assertTrue(LookAlikes.pair("l", "1") && LookAlikes.pair("c", "C") && LookAlikes.pair("q", "9"));
        assertFalse(LookAlikes.pair("A", "A") || LookAlikes.pair("A", "B"));
        List<String> seen = new ArrayList<>();
        for (String group : LookAlikes.GROUPS) {
            seen.add(group);
        }
        assertTrue(seen.contains("O0o"));
    }
}
