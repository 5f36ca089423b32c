package io.neuralscribe.cli;

import io.neuralscribe.data.LineComposer;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.inference.LineContext;
import io.neuralscribe.inference.LineReader;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.inference.StrokeSegmenter;
import io.neuralscribe.inference.WordList;
import io.neuralscribe.model.TorchThreads;
import io.neuralscribe.raster.Stroke;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Reads lines composed from a stroke file's writers ({@link LineComposer}) through the reading path
 * the server uses — segmentation, one TTA batch, context — and counts:
 * <ul>
 *   <li>segmentation: characters found exactly (one segment holding all of its strokes and no other);
 *   <li>characters read right, with and without context (a character not found exactly counts wrong);
 *   <li>whole lines read right (spaces included), with and without context, per kind of line.
 * </ul>
 * Labels are compared in the model's classes (a ByMerge model's {@code C} is right for a written
 * {@code c}); "exact case" compares the context's reading with the written line as it is.
 */
final class LineEvaluation {
    private final Predictor predictor;
    private final LineReader reader;
    private final List<String> classes;

    LineEvaluation(Predictor predictor, WordList words) {
        this.predictor = predictor;
        this.classes = predictor.metadata().classes();
        this.reader = new LineReader(classes, words);
    }

    private static final class Tally {
        int lines;
        int linesRight;
        int linesRightAlone;
        int linesExactCase;

        void add(boolean right, boolean alone, boolean exact) {
            lines++;
            linesRight += right ? 1 : 0;
            linesRightAlone += alone ? 1 : 0;
            linesExactCase += exact ? 1 : 0;
        }
    }

    void run(List<StrokeSample> samples, int perKind, long seed, PrintWriter out) {
        // One PyTorch thread, as each of the server's inference workers runs.
        TorchThreads.use(1);
        List<LineComposer.Line> lines = LineComposer.compose(samples, perKind, seed);
        long writers = lines.stream().map(LineComposer.Line::writer).distinct().count();
        out.printf("Reading %,d composed lines (%,d writers, seed %d, TTA on, %s)%n", lines.size(), writers, seed,
                "model " + predictor.name());
        out.flush();
        int characters = 0;
        int found = 0;
        int right = 0;
        int rightAlone = 0;
        Map<LineComposer.Kind, Tally> byKind = new EnumMap<>(LineComposer.Kind.class);
        Tally all = new Tally();
        for (LineComposer.Line line : lines) {
            List<StrokeSegmenter.Segment> segments = StrokeSegmenter.segment(line.strokes());
            LineReader.Reading reading = reader.readStrokes(line.strokes(),
                    views -> predictor.predict(views, true), LineContext.anyShape());
            int[] segmentOf = exactSegments(line, segments);
            for (int c = 0; c < line.labels().size(); c++) {
                characters++;
                if (segmentOf[c] < 0) {
                    continue;
                }
                found++;
                String truth = fold(line.labels().get(c));
                right += truth.equals(fold(reading.characters().get(segmentOf[c]).label())) ? 1 : 0;
                rightAlone += truth.equals(fold(reading.characters().get(segmentOf[c]).alternatives().get(0).label()))
                        ? 1 : 0;
            }
            boolean lineRight = fold(line.text()).equals(fold(reading.text()));
            boolean lineAlone = fold(line.text()).equals(fold(reading.networkText()));
            boolean exact = line.text().equals(reading.text());
            all.add(lineRight, lineAlone, exact);
            byKind.computeIfAbsent(line.kind(), k -> new Tally()).add(lineRight, lineAlone, exact);
        }
        out.printf("Segmentation: %.2f %% of %,d characters found exactly%n", 100.0 * found / characters, characters);
        out.printf("Characters:   %.2f %% read right with context, %.2f %% without%n",
                100.0 * right / characters, 100.0 * rightAlone / characters);
        print(out, "All lines", all);
        for (var entry : byKind.entrySet()) {
            print(out, switch (entry.getKey()) {
                case DIGITS -> "Digit lines";
                case LETTERS -> "Letter lines";
                case MIXED -> "Mixed lines";
                case NUMBER -> "5-digit numbers";
            }, entry.getValue());
        }
        out.flush();
    }

    private static void print(PrintWriter out, String name, Tally t) {
        out.printf("%-16s %.2f %% of %,d lines read right with context (%.2f %% exact case), %.2f %% without%n",
                name + ":", 100.0 * t.linesRight / t.lines, t.lines, 100.0 * t.linesExactCase / t.lines,
                100.0 * t.linesRightAlone / t.lines);
    }

    /** p50 of reading ten-character lines, TTA on, after a warm-up; the lines come from the samples. */
    void time(List<StrokeSample> samples, long seed, PrintWriter out) {
        TorchThreads.use(1);
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Stroke>> lines = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            lines.add(LineComposer.ofLength("timing", samples, 10, random).strokes());
        }
        double[] ms = new double[50];
        double[] network = new double[50];
        long[] networkNanos = new long[1];
        LineReader.Network timed = views -> {
            long start = System.nanoTime();
            var answers = predictor.predict(views, true);
            networkNanos[0] = System.nanoTime() - start;
            return answers;
        };
        for (int i = 0; i < lines.size(); i++) {
            long start = System.nanoTime();
            reader.readStrokes(lines.get(i), timed, LineContext.anyShape());
            if (i >= 20) {
                ms[i - 20] = (System.nanoTime() - start) / 1e6;
                network[i - 20] = networkNanos[0] / 1e6;
            }
        }
        Arrays.sort(ms);
        Arrays.sort(network);
        out.printf("Reading a 10-character line (segment, render, one TTA batch, context): p50 %.1f ms, p90 %.1f ms, "
                + "of which the network p50 %.1f ms (%d lines, after %d to warm up; one PyTorch thread, as a server worker)%n", ms[ms.length / 2],
                ms[(int) (ms.length * 0.9)], network[network.length / 2], ms.length, lines.size() - ms.length);
        out.flush();
    }

    /** Per character of the line, the index of the segment that holds exactly its strokes, or −1. */
    static int[] exactSegments(LineComposer.Line line, List<StrokeSegmenter.Segment> segments) {
        Map<Stroke, Integer> owner = new IdentityHashMap<>();
        int[] strokeCount = new int[line.labels().size()];
        for (int s = 0; s < line.strokes().size(); s++) {
            owner.put(line.strokes().get(s), line.owner()[s]);
            strokeCount[line.owner()[s]]++;
        }
        int[] found = new int[line.labels().size()];
        Arrays.fill(found, -1);
        for (int g = 0; g < segments.size(); g++) {
            List<Stroke> strokes = segments.get(g).strokes();
            int first = owner.get(strokes.get(0));
            if (strokes.stream().allMatch(s -> owner.get(s) == first) && strokes.size() == strokeCount[first]) {
                found[first] = g;
            }
        }
        return found;
    }

    /** A label as the model's classes can tell it: a case the model does not have becomes the one it has. */
    String fold(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            String own = String.valueOf(c);
            String other = String.valueOf(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            s.append(classes.contains(own) || !classes.contains(other) ? own : other);
        }
        return s.toString();
    }
}
