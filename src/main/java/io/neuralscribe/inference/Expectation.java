package io.neuralscribe.inference;

import java.util.List;
import java.util.Locale;

/**
 * What the person says they are writing. The answer is then chosen among the classes that fit, with
 * their probabilities renormalized to sum to one.
 *
 * <p>Which classes fit is read from the model's own class list, so it holds for any model: a letter
 * counts as lower case when it is lower case, or when it is a capital whose lower-case form the model
 * does not have (ByMerge folds {@code c, o, s, …} into {@code C, O, S, …}, so a written {@code o} can
 * only be answered {@code O}); upper case likewise the other way round.
 */
public enum Expectation {
    ANY, DIGITS, LETTERS, UPPER, LOWER;

    /** The wire name: any, digits, letters, upper, lower. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the expectation of that wire name, or {@code null} when there is none */
    public static Expectation parse(String text) {
        for (Expectation e : values()) {
            if (e.wireName().equals(text)) {
                return e;
            }
        }
        return null;
    }

    /** Which of {@code classes} fit this expectation, in the same order. */
    public boolean[] allowed(List<String> classes) {
        boolean[] allowed = new boolean[classes.size()];
        for (int c = 0; c < allowed.length; c++) {
            allowed[c] = fits(classes.get(c), classes);
        }
        return allowed;
    }

    private boolean fits(String label, List<String> classes) {
        char ch = label.charAt(0);
        boolean digit = Character.isDigit(ch);
        return switch (this) {
            case ANY -> true;
            case DIGITS -> digit;
            case LETTERS -> !digit;
            case UPPER -> Character.isUpperCase(ch)
                    || Character.isLowerCase(ch) && !classes.contains(label.toUpperCase(Locale.ROOT));
            case LOWER -> Character.isLowerCase(ch)
                    || Character.isUpperCase(ch) && !classes.contains(label.toLowerCase(Locale.ROOT));
        };
    }
}
