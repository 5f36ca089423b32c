package io.neuralscribe.inference;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the string, not each character alone. Each word (characters between spaces) is read
 * under every allowed {@link Shape} — all digits, all capitals, all small letters, a capital then
 * small letters, or anything (each character's own best class) — and the shape with the highest
 * score wins, where
 *
 * <pre>  score(shape) = Σ log p_i(best character of position i allowed by the shape) + log prior(shape)</pre>
 *
 * Every consistent shape has prior 1 (a capital then small letters ½: with letters whose capital
 * looks like the small one, all-small or all-capital should win), and {@link Shape#MIXED} has
 * {@value #MIXED_PRIOR}: a written {@code 1O5} becomes {@code 105} unless the network is more than
 * {@code 1 / MIXED_PRIOR} times surer of the {@code O} than of a {@code 0}, and {@code H0USE}
 * becomes {@code HOUSE} alike.
 *
 * <p><b>Case.</b> Letters whose two cases look alike count both cases' classes, and a model
 * without one case of a letter reads its other class ({@link CharacterClasses}). A word whose
 * capitals and small letters score the same (only look-alike letters) takes the case the line's
 * other words chose.
 *
 * <p><b>Words.</b> With a {@link WordList}, a word read as letters and not listed is compared
 * with the listed words of its length, spelled in the chosen case: the best listed word replaces it
 * when its score is within {@code log} {@value #WORD_TIE} of the reading's — it breaks near-ties,
 * it never overrides a clear reading.
 *
 * <p>The network's own probabilities are not changed: callers show them beside the choice.
 */
public final class LineContext {
    /** How a word is written. */
    public enum Shape { DIGITS, UPPER, LOWER, CAPITALIZED, MIXED }

    static final double MIXED_PRIOR = 0.01;
    static final double CAPITALIZED_PRIOR = 0.5;
    static final double WORD_TIE = 4;
    private static final double FLOOR = 1e-9;

    private final CharacterClasses classes;
    private final WordList words;

    /** @param words a word list to break near-ties with, or {@code null} for none */
    public LineContext(List<String> classes, WordList words) {
        this.classes = new CharacterClasses(classes);
        this.words = words;
    }

    /** One character as chosen: what it reads and the probability the choice rests on. */
    public record Choice(String label, double confidence) {}

    /**
     * A word of the reading.
     *
     * @param start index of its first character; {@code end} one past its last
     * @param listed true when the word list holds it
     */
    public record Word(String text, int start, int end, Shape shape, boolean listed) {}

    /** The string, its characters and its words. */
    public record Result(String text, List<Choice> characters, List<Word> words) {}

    /** Every shape: nothing known about what was written. */
    public static Set<Shape> anyShape() {
        return EnumSet.allOf(Shape.class);
    }

    /** The shapes a word may take when the writer said what to expect. */
    public static Set<Shape> shapesFor(Expectation expect) {
        return switch (expect) {
            case ANY -> anyShape();
            case DIGITS -> EnumSet.of(Shape.DIGITS);
            case LETTERS -> EnumSet.of(Shape.UPPER, Shape.LOWER, Shape.CAPITALIZED);
            case UPPER -> EnumSet.of(Shape.UPPER);
            case LOWER -> EnumSet.of(Shape.LOWER);
        };
    }

    /**
     * @param probabilities one probability vector per character, in the model's class order
     * @param spaceBefore per character, whether a word starts there
     * @param allowed the shapes a word may take (never empty)
     */
    public Result choose(List<float[]> probabilities, boolean[] spaceBefore, Set<Shape> allowed) {
        List<int[]> spans = words(probabilities.size(), spaceBefore);
        List<WordReading> readings = new ArrayList<>();
        for (int[] span : spans) {
            readings.add(bestShape(probabilities.subList(span[0], span[1]), allowed));
        }
        Shape lineCase = lineCase(readings);
        List<Choice> characters = new ArrayList<>();
        List<Word> result = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < spans.size(); w++) {
            WordReading reading = readings.get(w);
            if (reading.caseTied && lineCase != null && reading.shape != lineCase && allowed.contains(lineCase)) {
                reading = read(probabilities.subList(spans.get(w)[0], spans.get(w)[1]), lineCase);
            }
            reading = listed(probabilities.subList(spans.get(w)[0], spans.get(w)[1]), reading);
            if (w > 0) {
                text.append(' ');
            }
            String word = labels(reading.choices);
            text.append(word);
            characters.addAll(reading.choices);
            result.add(new Word(word, spans.get(w)[0], spans.get(w)[1], reading.shape,
                    words != null && words.contains(word)));
        }
        return new Result(text.toString(), List.copyOf(characters), List.copyOf(result));
    }

    /** Each character's own best class, words as spaced: the reading without context. */
    public Result alone(List<float[]> probabilities, boolean[] spaceBefore) {
        return choose(probabilities, spaceBefore, EnumSet.of(Shape.MIXED));
    }

    private record WordReading(Shape shape, List<Choice> choices, double score, boolean caseTied) {}

    private WordReading bestShape(List<float[]> word, Set<Shape> allowed) {
        WordReading best = null;
        double upperScore = Double.NaN;
        double lowerScore = Double.NaN;
        for (Shape shape : Shape.values()) {
            if (!allowed.contains(shape) || (shape == Shape.CAPITALIZED && word.size() < 2)) {
                continue;
            }
            WordReading reading = read(word, shape);
            if (shape == Shape.UPPER) {
                upperScore = reading.score;
            } else if (shape == Shape.LOWER) {
                lowerScore = reading.score;
            }
            if (best == null || reading.score > best.score + 1e-12) {
                best = reading;
            }
        }
        boolean tied = (best.shape == Shape.UPPER || best.shape == Shape.LOWER)
                && Math.abs(upperScore - lowerScore) < 1e-9;
        return new WordReading(best.shape, best.choices, best.score, tied);
    }

    private WordReading read(List<float[]> word, Shape shape) {
        List<Choice> choices = new ArrayList<>(word.size());
        double score = Math.log(prior(shape));
        for (int i = 0; i < word.size(); i++) {
            Choice choice = classes.best(word.get(i), shape, i == 0);
            choices.add(choice);
            score += Math.log(Math.max(FLOOR, choice.confidence()));
        }
        return new WordReading(shape, choices, score, false);
    }

    private static double prior(Shape shape) {
        return switch (shape) {
            case MIXED -> MIXED_PRIOR;
            case CAPITALIZED -> CAPITALIZED_PRIOR;
            default -> 1;
        };
    }

    /** The case most words of the line chose, among those not tied; {@code null} when none chose. */
    private static Shape lineCase(List<WordReading> readings) {
        int capitals = 0;
        int smalls = 0;
        for (WordReading r : readings) {
            if (!r.caseTied && r.shape == Shape.UPPER) {
                capitals++;
            } else if (!r.caseTied && (r.shape == Shape.LOWER || r.shape == Shape.CAPITALIZED)) {
                smalls++;
            }
        }
        return capitals == smalls ? null : capitals > smalls ? Shape.UPPER : Shape.LOWER;
    }

    /** The best listed word of the reading's length and case, when it is a near-tie and the reading is not listed. */
    private WordReading listed(List<float[]> word, WordReading reading) {
        boolean letters = reading.shape == Shape.UPPER || reading.shape == Shape.LOWER
                || reading.shape == Shape.CAPITALIZED;
        if (words == null || !letters || word.size() < 2 || words.contains(labels(reading.choices))) {
            return reading;
        }
        int n = word.size();
        double[][] logs = new double[n][26];
        for (int i = 0; i < n; i++) {
            boolean capital = CharacterClasses.capital(reading.shape, i == 0);
            for (int letter = 0; letter < 26; letter++) {
                logs[i][letter] = Math.log(Math.max(FLOOR, classes.letterProbability(word.get(i), letter, capital)));
            }
        }
        double threshold = reading.score - Math.log(prior(reading.shape)) - Math.log(WORD_TIE);
        String bestWord = null;
        double bestScore = threshold;
        for (String candidate : words.ofLength(n)) {
            double score = 0;
            for (int i = 0; i < n && score >= bestScore; i++) {
                score += logs[i][candidate.charAt(i) - 'a'];
            }
            if (score >= bestScore) {
                bestWord = candidate;
                bestScore = score;
            }
        }
        if (bestWord == null) {
            return reading;
        }
        List<Choice> choices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean capital = CharacterClasses.capital(reading.shape, i == 0);
            int letter = bestWord.charAt(i) - 'a';
            choices.add(new Choice(String.valueOf((char) ((capital ? 'A' : 'a') + letter)),
                    classes.letterProbability(word.get(i), letter, capital)));
        }
        return new WordReading(reading.shape, choices, bestScore + Math.log(prior(reading.shape)), false);
    }

    private static String labels(List<Choice> choices) {
        StringBuilder s = new StringBuilder();
        choices.forEach(c -> s.append(c.label()));
        return s.toString();
    }

    /** {start, end} of each word. */
    private static List<int[]> words(int count, boolean[] spaceBefore) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= count; i++) {
            if (i == count || spaceBefore[i]) {
                if (i > start) {
                    spans.add(new int[] {start, i});
                }
                start = i;
            }
        }
        return spans;
    }
}
