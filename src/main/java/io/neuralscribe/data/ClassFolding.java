package io.neuralscribe.data;

import java.util.List;
import java.util.Locale;

/**
 * Reads one label set in another: a case-sensitive model's answers in a merged split's classes.
 * ByMerge merged the lower-case letters that look like their capitals (c i j k l m o p s u v w x y z)
 * into them, so a label the target lacks is looked up as its capital.
 */
public final class ClassFolding {
    private ClassFolding() {}

    /** @return for each class of {@code from}, the index of its class in {@code to} */
    public static int[] fold(List<String> from, List<String> to) {
        int[] map = new int[from.size()];
        for (int i = 0; i < from.size(); i++) {
            String label = from.get(i);
            int index = indexIn(label, to);
            if (index < 0) {
                throw new IllegalArgumentException("class '" + label + "' has no counterpart among " + String.join(" ", to));
            }
            map[i] = index;
        }
        return map;
    }

    /** Where {@code label} is among {@code classes}, or its capital when they lack it; −1 when neither is. */
    private static int indexIn(String label, List<String> classes) {
        int index = classes.indexOf(label);
        return index >= 0 ? index : classes.indexOf(label.toUpperCase(Locale.ROOT));
    }

    /** The lower-case letters ByMerge merged into their capitals. */
    public static final String MERGED_INTO_CAPITALS = "cijklmopsuvwxyz";

    /** A character as ByMerge names it: {@code c → C}, {@code o → O}, …; everything else as it is. */
    public static String toByMerge(String label) {
        return label.length() == 1 && MERGED_INTO_CAPITALS.contains(label) ? label.toUpperCase(Locale.ROOT) : label;
    }

    /** The 62 characters people write: digits, capitals, lower-case letters. */
    public static final String WRITTEN_LABELS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * @return for each of {@code classes}, how many of the 62 written characters it answers for: 2 for
     *     a merged class such as ByMerge's {@code O} (written {@code O} and {@code o}), 1 otherwise. A
     *     split without letters (MNIST) simply has no class for them; a class that answers for no
     *     written character (a symbol of its own) counts as one.
     */
    public static long[] writtenLabelsPerClass(List<String> classes) {
        long[] counts = new long[classes.size()];
        for (char written : WRITTEN_LABELS.toCharArray()) {
            int index = indexIn(String.valueOf(written), classes);
            if (index >= 0) {
                counts[index]++;
            }
        }
        for (int c = 0; c < counts.length; c++) {
            counts[c] = Math.max(1, counts[c]);
        }
        return counts;
    }

    public static int[] identity(int classes) {
        int[] map = new int[classes];
        for (int i = 0; i < classes; i++) {
            map[i] = i;
        }
        return map;
    }
}
