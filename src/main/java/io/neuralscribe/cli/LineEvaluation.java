package io.neuralscribe.cli;

import io.neuralscribe.data.LineComposer;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.inference.LineContext;
import io.neuralscribe.inference.LineReader;
import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.inference.StrokeSegmenter;
import io.neuralscribe.inference.WordList;
import io.neuralscribe.raster.Stroke;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Reads lines composed from a stroke file's writers ({@link LineComposer}) through the reading path
 * the server's {@code read} message takes — segmentation and rendering on the caller's thread, the
 * network on a prediction service worker (one PyTorch thread, TTA on), context — and counts:
 * <ul>
 *   <li>segmentation: characters found exactly (one segment holding all of its strokes and no other);
 *   <li>characters read right, with and without context (a character not found exactly counts wrong);
 *   <li>whole lines read right (spaces included), with and without context, per kind of line.
 * </ul>
 * Labels are compared in the model's classes (a ByMerge model's {@code C} is right for a written
 * {@code c}); "exact case" compares the context's reading with the written line as it is.
 */
final class LineEvaluation {
    private final PredictionService service;
    private final String model;
    private final LineReader reader;
    private final List<String> classes;

    /** @param service holds the model under {@code model}; its workers run the network as the server's do */
    LineEvaluation(PredictionService service, String model, WordList words) {
        this.service = service;
        this.model = model;
        this.classes = service.predictor(model).metadata().classes();
        this.reader = new LineReader(classes, words);
    }

    /** Reads a line as the server reads a {@code read} message with TTA on. */
    private LineReader.Reading read(List<Stroke> strokes) {
        LineReader.Prepared prepared = LineReader.prepareStrokes(strokes);
        List<Prediction> answers = service.submitViews(model, prepared.views(), true, null).join();
        return reader.finish(prepared, answers, LineContext.anyShape());
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
        List<LineComposer.Line> lines = LineComposer.compose(samples, perKind, seed);
        long writers = lines.stream().map(LineComposer.Line::writer).distinct().count();
        out.printf("Reading %,d composed lines (%,d writers, seed %d, TTA on, %s)%n", lines.size(), writers, seed,
                "model " + model);
        out.flush();
        int characters = 0;
        int found = 0;
        int right = 0;
        int rightAlone = 0;
        Map<LineComposer.Kind, Tally> byKind = new EnumMap<>(LineComposer.Kind.class);
        Tally all = new Tally();
        for (LineComposer.Line line : lines) {
            List<StrokeSegmenter.Segment> segments = StrokeSegmenter.segment(line.strokes());
            LineReader.Reading reading = read(line.strokes());
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

    /**
     * p50 and p99 of reading ten-character lines on the server's path ({@link #read}: render,
     * preprocess, the network with TTA on a service worker, context), after a warm-up; the lines
     * come from the samples. The network's share is the worker's own measure of its forward passes.
     * Beside the wall-clock times, the CPU time the whole process spent per line (all threads, the
     * mean over the timed lines, as the operating system counts it in 10 ms ticks): on a machine
     * other work keeps busy, waiting for a core inflates the former, not the latter.
     */
    void time(List<StrokeSample> samples, long seed, PrintWriter out) {
        SplittableRandom random = new SplittableRandom(seed);
        int warmUp = 20;
        int timed = 200;
        List<List<Stroke>> lines = new ArrayList<>();
        for (int i = 0; i < warmUp + timed; i++) {
            lines.add(LineComposer.ofLength("timing", samples, 10, random).strokes());
        }
        double[] ms = new double[timed];
        double[] network = new double[timed];
        var system = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double load = system.getSystemLoadAverage();
        long cpuStart = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (i == warmUp) {
                cpuStart = system.getProcessCpuTime();
            }
            long start = System.nanoTime();
            LineReader.Reading reading = read(lines.get(i));
            if (i >= warmUp) {
                ms[i - warmUp] = (System.nanoTime() - start) / 1e6;
                network[i - warmUp] = reading.characters().get(0).prediction().inferenceMs();
            }
        }
        double cpuPerLine = (system.getProcessCpuTime() - cpuStart) / 1e6 / timed;
        out.printf("Reading a 10-character line as the server does (segment, render, network with TTA, context): "
                + "p50 %.1f ms, p99 %.1f ms; of which the network p50 %.1f ms, p99 %.1f ms "
                + "(%d lines, after %d to warm up; one PyTorch thread, as a server worker)%n"
                + "  CPU time per line: mean %.1f ms (machine load average %.1f on %d cores)%n",
                Percentiles.of(ms, 0.5), Percentiles.of(ms, 0.99), Percentiles.of(network, 0.5),
                Percentiles.of(network, 0.99), timed, warmUp, cpuPerLine,
                load, Runtime.getRuntime().availableProcessors());
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
