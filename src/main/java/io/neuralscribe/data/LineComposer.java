package io.neuralscribe.data;

import io.neuralscribe.raster.Stroke;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Written lines made of one writer's own isolated characters, to measure reading whole lines:
 * characters are placed side by side as people print them — each scaled to its place on the line
 * (capitals and digits full height, small letters at x-height, ascenders and descenders where they
 * belong), sizes and baselines wavering a little, gaps between letters of a word between
 * {@value #MIN_GAP} and {@value #MAX_GAP} of the line's height, spaces between words between
 * {@value #MIN_SPACE} and {@value #MAX_SPACE}. The same seed composes the same lines.
 *
 * <p>Kinds: digits only, letters only (one writer's capitals, or their small letters), mixed (a
 * word of letters and a number, separated by a space), and five-digit numbers. Digit and letter
 * lines are split into two words one time in three.
 */
public final class LineComposer {
    /** The line's height (a capital's), in the composed strokes' units. */
    public static final double HEIGHT = 100;
    static final double MIN_GAP = 0.12;
    static final double MAX_GAP = 0.45;
    static final double MIN_SPACE = 0.9;
    static final double MAX_SPACE = 1.5;
    private static final String X_HEIGHT = "acemnorsuvwxz";
    private static final String ASCENDERS = "bdfhklt";
    private static final String DESCENDERS = "gpqy";

    private LineComposer() {}

    public enum Kind { DIGITS, LETTERS, MIXED, NUMBER }

    /**
     * @param labels each character's label, left to right
     * @param spaceBefore per character, whether a word starts there
     * @param owner per stroke of {@code strokes}, the index of its character
     */
    public record Line(String writer, Kind kind, List<String> labels, boolean[] spaceBefore, List<Stroke> strokes,
            int[] owner) {
        /** The line as it should be read: labels, words separated by one space. */
        public String text() {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < labels.size(); i++) {
                if (spaceBefore[i]) {
                    s.append(' ');
                }
                s.append(labels.get(i));
            }
            return s.toString();
        }
    }

    /**
     * Up to {@code perKind} lines of each kind for every writer with enough characters of it (three
     * digits; three capitals or three small letters), writers in file order.
     */
    public static List<Line> compose(List<StrokeSample> samples, int perKind, long seed) {
        Map<String, List<StrokeSample>> byWriter = new LinkedHashMap<>();
        for (StrokeSample s : samples) {
            byWriter.computeIfAbsent(s.writer(), k -> new ArrayList<>()).add(s);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Line> lines = new ArrayList<>();
        for (var entry : byWriter.entrySet()) {
            List<StrokeSample> digits = new ArrayList<>();
            List<StrokeSample> capitals = new ArrayList<>();
            List<StrokeSample> smalls = new ArrayList<>();
            for (StrokeSample s : entry.getValue()) {
                char c = s.label().charAt(0);
                (Character.isDigit(c) ? digits : Character.isUpperCase(c) ? capitals : smalls).add(s);
            }
            List<StrokeSample> letters = capitals.size() >= smalls.size() ? capitals : smalls;
            for (int k = 0; k < perKind; k++) {
                if (digits.size() >= 3) {
                    lines.add(line(entry.getKey(), Kind.DIGITS, pick(digits, 3 + random.nextInt(6), random),
                            random.nextInt(3) == 0, random));
                    lines.add(line(entry.getKey(), Kind.NUMBER, pick(digits, 5, random), false, random));
                }
                // Capitals one line, small letters the next, when the writer wrote both.
                List<StrokeSample> these = k % 2 == 1 && Math.min(capitals.size(), smalls.size()) >= 3
                        ? (letters == capitals ? smalls : capitals) : letters;
                if (these.size() >= 3) {
                    lines.add(line(entry.getKey(), Kind.LETTERS, pick(these, 3 + random.nextInt(6), random),
                            random.nextInt(3) == 0, random));
                }
                if (digits.size() >= 2 && these.size() >= 2) {
                    int total = 4 + random.nextInt(5);
                    int word = 2 + random.nextInt(total - 3);
                    List<StrokeSample> mixed = new ArrayList<>(pick(these, word, random));
                    mixed.addAll(pick(digits, total - word, random));
                    lines.add(mixedLine(entry.getKey(), mixed, word, random));
                }
            }
        }
        return lines;
    }

    /** {@code count} characters of one kind of any writer, with no spaces: lines of a fixed length. */
    public static Line ofLength(String writer, List<StrokeSample> pool, int count, SplittableRandom random) {
        return line(writer, Kind.LETTERS, pick(pool, count, random), false, random);
    }

    /** Distinct samples when the pool has enough, else with repeats. */
    private static List<StrokeSample> pick(List<StrokeSample> pool, int count, SplittableRandom random) {
        List<StrokeSample> out = new ArrayList<>(count);
        if (pool.size() >= count) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                order.add(i);
            }
            for (int i = 0; i < count; i++) {
                Collections.swap(order, i, i + random.nextInt(order.size() - i));
                out.add(pool.get(order.get(i)));
            }
        } else {
            for (int i = 0; i < count; i++) {
                out.add(pool.get(random.nextInt(pool.size())));
            }
        }
        return out;
    }

    private static Line line(String writer, Kind kind, List<StrokeSample> characters, boolean split,
            SplittableRandom random) {
        boolean[] spaces = new boolean[characters.size()];
        if (split && characters.size() >= 4) {
            spaces[2 + random.nextInt(characters.size() - 3)] = true;
        }
        return place(writer, kind, characters, spaces, random);
    }

    private static Line mixedLine(String writer, List<StrokeSample> characters, int word, SplittableRandom random) {
        boolean[] spaces = new boolean[characters.size()];
        spaces[word] = true;
        return place(writer, Kind.MIXED, characters, spaces, random);
    }

    private static Line place(String writer, Kind kind, List<StrokeSample> characters, boolean[] spaces,
            SplittableRandom random) {
        List<Stroke> strokes = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double x = 0;
        for (int i = 0; i < characters.size(); i++) {
            StrokeSample sample = characters.get(i);
            if (i > 0) {
                double gap = spaces[i] ? uniform(random, MIN_SPACE, MAX_SPACE) : uniform(random, MIN_GAP, MAX_GAP);
                x += gap * HEIGHT;
            }
            double[] extent = verticalExtent(sample.label());
            double size = HEIGHT * uniform(random, 0.92, 1.08);
            double baseline = HEIGHT * uniform(random, -0.06, 0.06);
            double top = baseline + extent[0] * size;
            double height = (extent[1] - extent[0]) * size;
            double[] box = bounds(sample.strokes());
            double w = box[2] - box[0];
            double h = box[3] - box[1];
            // Scale to the character's height; a flat sample is limited to a wide character's width.
            double scale = h > 0 ? height / h : 1;
            if (w * scale > 1.4 * HEIGHT) {
                scale = 1.4 * HEIGHT / w;
            }
            double dx = x - box[0] * scale;
            double dy = top - box[1] * scale;
            double finalScale = scale;
            for (Stroke stroke : sample.strokes()) {
                strokes.add(stroke.map(new Stroke.PointTransform() {
                    @Override
                    public double x(double px, double py) {
                        return px * finalScale + dx;
                    }

                    @Override
                    public double y(double px, double py) {
                        return py * finalScale + dy;
                    }
                }));
                owners.add(i);
            }
            labels.add(sample.label());
            x += w * scale;
        }
        return new Line(writer, kind, List.copyOf(labels), spaces, List.copyOf(strokes),
                owners.stream().mapToInt(Integer::intValue).toArray());
    }

    /** {top, bottom} of a character relative to the baseline, in line heights, y down. */
    static double[] verticalExtent(String label) {
        char c = label.charAt(0);
        if (!Character.isLowerCase(c)) {
            return new double[] {-1, 0};
        }
        if (c == 'i') {
            return new double[] {-0.85, 0};
        }
        if (c == 'j') {
            return new double[] {-0.85, 0.4};
        }
        if (c == 't') {
            return new double[] {-0.85, 0};
        }
        if (ASCENDERS.indexOf(c) >= 0) {
            return new double[] {-1, 0};
        }
        if (DESCENDERS.indexOf(c) >= 0) {
            return new double[] {-0.6, 0.4};
        }
        return X_HEIGHT.indexOf(c) >= 0 ? new double[] {-0.6, 0} : new double[] {-1, 0};
    }

    private static double uniform(SplittableRandom random, double from, double to) {
        return from + random.nextDouble() * (to - from);
    }

    private static double[] bounds(List<Stroke> strokes) {
        return io.neuralscribe.raster.StrokeRenderer.bounds(strokes);
    }
}
