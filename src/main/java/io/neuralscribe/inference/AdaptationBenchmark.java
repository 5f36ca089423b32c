package io.neuralscribe.inference;

import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.raster.StrokeRenderer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * How much a profile helps the person it belongs to, and how little it costs anyone else, measured
 * on writers of a stroke file who wrote enough to teach and test: at least
 * {@link #MIN_PER_CLASS} samples in at least {@link #MIN_CLASSES} of the model's classes.
 *
 * <p>For each such writer and each draw, {@link #MAX_SHOTS} samples of every class with at least
 * {@link #MIN_PER_CLASS} are set aside as the pool of corrections; the writer's other samples (all
 * classes) are the test set, the same for every k. A k-shot profile holds the first k of each
 * class's pool. "Another writer's profile" is the next eligible writer's {@link #MAX_SHOTS}-shot
 * profile, tested on this writer's test set. Every drawing goes through the serving path (one
 * renderer, the predictor with TTA) exactly once; the profiles are then pure arithmetic.
 */
public final class AdaptationBenchmark {
    public static final int MIN_PER_CLASS = 6;
    public static final int MIN_CLASSES = 30;
    public static final int MAX_SHOTS = 5;

    /** One drawing as the network read it. */
    public record Item(int truth, float[] probabilities, float[] features) {}

    /** @param top1 per k in {@code shots}, the mean over draws; {@code otherProfile} uses another writer's profile */
    public record WriterResult(String writer, int samples, int tested, double base, double[] top1,
            String otherWriter, double otherProfile) {}

    private final Map<String, List<Item>> writers;

    private AdaptationBenchmark(Map<String, List<Item>> writers) {
        this.writers = writers;
    }

    /** The eligible writers' samples in the model's classes, in file order of first appearance. */
    public static Map<String, List<StrokeSample>> eligible(List<StrokeSample> samples, List<String> classes) {
        Map<String, List<StrokeSample>> byWriter = new LinkedHashMap<>();
        for (StrokeSample s : samples) {
            if (classes.contains(s.labelFor(classes))) {
                byWriter.computeIfAbsent(s.writer(), w -> new ArrayList<>()).add(s);
            }
        }
        byWriter.values().removeIf(list -> {
            Map<String, Integer> perClass = new LinkedHashMap<>();
            list.forEach(s -> perClass.merge(s.labelFor(classes), 1, Integer::sum));
            return perClass.values().stream().filter(n -> n >= MIN_PER_CLASS).count() < MIN_CLASSES;
        });
        return byWriter;
    }

    /** Renders and reads every sample once (TTA as served); {@code progress} gets the running count. */
    public static AdaptationBenchmark read(Predictor predictor, Map<String, List<StrokeSample>> writers,
            IntConsumer progress) {
        List<String> classes = predictor.metadata().classes();
        Map<String, List<Item>> items = new LinkedHashMap<>();
        int done = 0;
        for (Map.Entry<String, List<StrokeSample>> writer : writers.entrySet()) {
            List<Item> list = new ArrayList<>();
            List<StrokeSample> samples = writer.getValue();
            for (int from = 0; from < samples.size(); from += 64) {
                List<StrokeSample> batch = samples.subList(from, Math.min(samples.size(), from + 64));
                List<Predictor.Reading> readings = predictor.read(
                        batch.stream().map(s -> StrokeRenderer.render(s.strokes())).toList(), true, ClassPrior.WRITTEN);
                for (int i = 0; i < batch.size(); i++) {
                    list.add(new Item(classes.indexOf(batch.get(i).labelFor(classes)),
                            readings.get(i).prediction().probabilities(), readings.get(i).features()));
                }
                done += batch.size();
                progress.accept(done);
            }
            items.put(writer.getKey(), list);
        }
        return new AdaptationBenchmark(items);
    }

    public List<String> writers() {
        return List.copyOf(writers.keySet());
    }

    /** Every writer's figures with this blend, over {@code draws} random choices of the corrections. */
    public List<WriterResult> evaluate(ProfileBlend blend, int[] shots, int draws, long seed) {
        List<String> names = writers();
        List<WriterResult> results = new ArrayList<>();
        for (int w = 0; w < names.size(); w++) {
            String other = names.get((w + 1) % names.size());
            List<Item> items = writers.get(names.get(w));
            double base = 0;
            double otherTop1 = 0;
            double[] top1 = new double[shots.length];
            int tested = 0;
            for (int d = 0; d < draws; d++) {
                Split split = split(items, seed + d * 7919L + w);
                Split otherSplit = split(writers.get(other), seed + d * 7919L + w + 1_000_003L);
                tested = split.test().size();
                base += accuracy(split.test(), null, blend);
                for (int k = 0; k < shots.length; k++) {
                    top1[k] += accuracy(split.test(), split.profile(shots[k], classesOf(items)), blend);
                }
                otherTop1 += names.size() > 1
                        ? accuracy(split.test(), otherSplit.profile(MAX_SHOTS, classesOf(items)), blend) : Double.NaN;
            }
            for (int k = 0; k < shots.length; k++) {
                top1[k] /= draws;
            }
            results.add(new WriterResult(names.get(w), items.size(), tested, base / draws, top1,
                    names.size() > 1 ? other : null, otherTop1 / draws));
        }
        return results;
    }

    private static int classesOf(List<Item> items) {
        return items.get(0).probabilities().length;
    }

    /** The pools of corrections (per class, up to {@link #MAX_SHOTS}) and the test set. */
    private record Split(List<List<Item>> pools, List<Item> test) {
        ClassPrototypes profile(int k, int classes) {
            ClassPrototypes prototypes = ClassPrototypes.empty(classes);
            for (List<Item> pool : pools) {
                for (Item item : pool.subList(0, Math.min(k, pool.size()))) {
                    prototypes = prototypes.plus(item.truth(), item.features());
                }
            }
            return prototypes;
        }
    }

    private static Split split(List<Item> items, long seed) {
        Map<Integer, List<Item>> byClass = new LinkedHashMap<>();
        items.forEach(item -> byClass.computeIfAbsent(item.truth(), c -> new ArrayList<>()).add(item));
        Random random = new Random(seed);
        List<List<Item>> pools = new ArrayList<>();
        List<Item> test = new ArrayList<>();
        for (List<Item> list : byClass.values()) {
            List<Item> shuffled = new ArrayList<>(list);
            Collections.shuffle(shuffled, random);
            if (shuffled.size() >= MIN_PER_CLASS) {
                pools.add(shuffled.subList(0, MAX_SHOTS));
                test.addAll(shuffled.subList(MAX_SHOTS, shuffled.size()));
            } else {
                test.addAll(shuffled);
            }
        }
        return new Split(pools, test);
    }

    private static double accuracy(List<Item> test, ClassPrototypes profile, ProfileBlend blend) {
        int right = 0;
        for (Item item : test) {
            float[] p = profile == null ? item.probabilities() : blend.apply(item.probabilities(), item.features(), profile);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            right += best == item.truth() ? 1 : 0;
        }
        return (double) right / test.size();
    }
}
