package io.neuralscribe.inference;

import java.util.List;

/**
 * Characters that people write alike, so that a reader cannot always tell them apart without
 * context: {@code O 0}, {@code I l 1}, {@code S 5}, {@code Z 2}, {@code q 9 g}, and the letters
 * whose capital is their lower case made bigger ({@code C c}, {@code O o}, …). When the two best
 * readings are such a pair and close, the answer says so ("0 — or O?") instead of pretending.
 */
public final class LookAlikes {
    /** Groups of characters written alike; any two of one group are a look-alike pair. */
    static final List<String> GROUPS = List.of("O0o", "Il1", "S5s", "Z2z", "q9g", "B8", "G6", "b6",
            "Cc", "Kk", "Mm", "Pp", "Uu", "Vv", "Ww", "Xx", "Yy");
    /** The runner-up counts as close when it has at least this share of the best reading's probability. */
    public static final double CLOSE = 0.5;

    private LookAlikes() {}

    /** Whether {@code a} and {@code b} are written alike (same letter in two cases counts). */
    public static boolean pair(String a, String b) {
        if (a.equals(b) || a.length() != 1 || b.length() != 1) {
            return false;
        }
        return a.equalsIgnoreCase(b) || GROUPS.stream().anyMatch(g -> g.contains(a) && g.contains(b));
    }

    /**
     * @param best the best reading
     * @param second the runner-up
     * @return the runner-up when it is a look-alike of the best one and close to it, else {@code null}
     */
    public static RankedLabel ambiguity(RankedLabel best, RankedLabel second) {
        if (best == null || second == null) {
            return null;
        }
        return pair(best.label(), second.label()) && second.confidence() >= CLOSE * best.confidence() ? second : null;
    }
}
