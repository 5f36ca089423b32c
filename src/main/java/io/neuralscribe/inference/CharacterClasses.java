package io.neuralscribe.inference;

import java.util.Arrays;
import java.util.List;

/**
 * A model's classes seen as digits and as letters in either case: for one character's
 * probabilities, the best character a word's {@link LineContext.Shape} allows there, and a letter's
 * probability in one case.
 *
 * <p><b>Case.</b> Some letters look the same in both cases — those EMNIST ByMerge merges into one
 * class: c i j k l m o p s u v w x y z. For those, the probability of a letter in one case counts
 * both cases' classes (a 62-class model that hesitates between {@code o} and {@code O} is not
 * unsure of the letter). A model without a class for one case of a letter (ByMerge has no
 * {@code c}) reads its other class in that case.
 */
final class CharacterClasses {
    /** The letters whose small and capital forms look alike (EMNIST ByMerge merges their classes). */
    static final String CASE_ALIKE = "cijklmopsuvwxyz";

    private final List<String> classes;
    /** Class index of each letter's capital, of its small form, of each digit; −1 when absent. */
    private final int[] upper = new int[26];
    private final int[] lower = new int[26];
    private final int[] digit = new int[10];

    CharacterClasses(List<String> classes) {
        this.classes = List.copyOf(classes);
        Arrays.fill(upper, -1);
        Arrays.fill(lower, -1);
        Arrays.fill(digit, -1);
        for (int c = 0; c < classes.size(); c++) {
            String label = classes.get(c);
            if (label.length() != 1) {
                continue;
            }
            char ch = label.charAt(0);
            if (ch >= 'A' && ch <= 'Z') {
                upper[ch - 'A'] = c;
            } else if (ch >= 'a' && ch <= 'z') {
                lower[ch - 'a'] = c;
            } else if (ch >= '0' && ch <= '9') {
                digit[ch - '0'] = c;
            }
        }
    }

    /**
     * The best character for one position under a shape.
     *
     * @param first whether the position starts its word (a {@link LineContext.Shape#CAPITALIZED} word's capital)
     */
    LineContext.Choice best(float[] p, LineContext.Shape shape, boolean first) {
        switch (shape) {
            case DIGITS: {
                int best = -1;
                for (int d : digit) {
                    if (d >= 0 && (best < 0 || p[d] > p[best])) {
                        best = d;
                    }
                }
                return best < 0 ? new LineContext.Choice("?", 0) : new LineContext.Choice(classes.get(best), p[best]);
            }
            case MIXED: {
                int best = 0;
                for (int c = 1; c < p.length; c++) {
                    if (p[c] > p[best]) {
                        best = c;
                    }
                }
                return new LineContext.Choice(classes.get(best), p[best]);
            }
            default: {
                boolean capital = capital(shape, first);
                LineContext.Choice best = new LineContext.Choice("?", 0);
                for (int letter = 0; letter < 26; letter++) {
                    double q = letterProbability(p, letter, capital);
                    if (q > best.confidence()) {
                        best = new LineContext.Choice(String.valueOf((char) ((capital ? 'A' : 'a') + letter)), q);
                    }
                }
                return best;
            }
        }
    }

    /** Whether a letter shape writes the position as a capital. */
    static boolean capital(LineContext.Shape shape, boolean first) {
        return shape == LineContext.Shape.UPPER || (shape == LineContext.Shape.CAPITALIZED && first);
    }

    /** The probability of a letter in one case (see the class comment). */
    double letterProbability(float[] p, int letter, boolean capital) {
        int own = capital ? upper[letter] : lower[letter];
        int other = capital ? lower[letter] : upper[letter];
        if (own < 0) {
            return other < 0 ? 0 : p[other];
        }
        boolean alike = CASE_ALIKE.indexOf('a' + letter) >= 0;
        return Math.min(1, p[own] + (alike && other >= 0 ? p[other] : 0));
    }
}
