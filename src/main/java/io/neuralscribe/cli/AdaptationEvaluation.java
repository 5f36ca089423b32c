package io.neuralscribe.cli;

import io.neuralscribe.data.ProfileStore;
import io.neuralscribe.data.StrokeFile;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.data.WriterSplit;
import io.neuralscribe.inference.ClassPrior;
import io.neuralscribe.inference.AdaptationBenchmark;
import io.neuralscribe.inference.AdaptationBenchmark.WriterResult;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.inference.ProfileBlend;
import io.neuralscribe.inference.ProfileLearner;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.TorchThreads;
import io.neuralscribe.raster.StrokeRenderer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code evaluate --adapt FILE.jsonl}: prints what {@link AdaptationBenchmark} measures, and the update latency. */
final class AdaptationEvaluation {
    private static final int[] SHOTS = {1, 3, 5};
    private static final int TIMED_ADDS = 40;

    private AdaptationEvaluation() {}

    /** @param heldApart only the writers that training from stroke files leaves out (tune on these) */
    static void run(PrintWriter out, Path modelFile, LoadedModel model, AdaptOptions options, boolean heldApart)
            throws IOException {
        Predictor predictor = new Predictor(modelFile.getFileName().toString(), model);
        List<StrokeSample> samples = StrokeFile.read(options.file);
        if (heldApart) {
            samples = WriterSplit.heldApart(samples);
        }
        Map<String, List<StrokeSample>> writers = AdaptationBenchmark.eligible(samples, model.metadata().classes());
        if (writers.isEmpty()) {
            throw new IllegalArgumentException(options.file + ": no writer has " + AdaptationBenchmark.MIN_PER_CLASS
                    + " samples in " + AdaptationBenchmark.MIN_CLASSES + " classes of the model");
        }
        int total = writers.values().stream().mapToInt(List::size).sum();
        out.printf("Adapting %s (%s) to %d writers of %s (%,d samples, each with >= %d samples in >= %d classes), "
                + "TTA as served, %d draws%n", modelFile, model.metadata().split(), writers.size(),
                options.file.getFileName(), total, AdaptationBenchmark.MIN_PER_CLASS, AdaptationBenchmark.MIN_CLASSES,
                options.draws);
        out.flush();
        ProgressBar bar = new ProgressBar(System.out, "read", total, "samples");
        AdaptationBenchmark benchmark = AdaptationBenchmark.read(predictor, writers, done -> bar.update(done, null));
        if (options.tune) {
            tune(out, benchmark, options.draws);
        }
        print(out, ProfileBlend.TUNED, benchmark.evaluate(ProfileBlend.TUNED, SHOTS, options.draws, 42));
        timeUpdates(out, predictor, writers.values().iterator().next());
    }

    private static void print(PrintWriter out, ProfileBlend blend, List<WriterResult> results) {
        out.printf("Top-1 on each writer's other samples (blend gain %.0f, threshold %.2f):%n", blend.gain(),
                blend.threshold());
        out.printf("  %-16s %7s %6s %8s %8s %8s   %s%n", "writer", "tested", "base", "k=1", "k=3", "k=5",
                "another's k=5 profile");
        double[] mean = new double[SHOTS.length + 2];
        for (WriterResult r : results) {
            out.printf("  %-16s %,7d %6.2f %8.2f %8.2f %8.2f   %6.2f (%s)%n", r.writer(), r.tested(), 100 * r.base(),
                    100 * r.top1()[0], 100 * r.top1()[1], 100 * r.top1()[2], 100 * r.otherProfile(), r.otherWriter());
            mean[0] += r.base() / results.size();
            for (int k = 0; k < SHOTS.length; k++) {
                mean[k + 1] += r.top1()[k] / results.size();
            }
            mean[SHOTS.length + 1] += r.otherProfile() / results.size();
        }
        out.printf("  %-16s %7s %6.2f %8.2f %8.2f %8.2f   %6.2f%n", "writers' mean", "", 100 * mean[0], 100 * mean[1],
                100 * mean[2], 100 * mean[3], 100 * mean[4]);
        out.printf("  lift over base: k=1 %+.2f, k=3 %+.2f, k=5 %+.2f points; another writer's profile %+.2f points%n",
                100 * (mean[1] - mean[0]), 100 * (mean[2] - mean[0]), 100 * (mean[3] - mean[0]),
                100 * (mean[4] - mean[0]));
        out.flush();
    }

    private static void tune(PrintWriter out, AdaptationBenchmark benchmark, int draws) {
        out.println("Blend grid (writers' mean, points): gain threshold | k=1 k=3 k=5 lift | another's profile");
        for (double gain : new double[] {5, 10, 20, 40, 80}) {
            for (double threshold : new double[] {0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9}) {
                List<WriterResult> results = benchmark.evaluate(new ProfileBlend(gain, threshold), SHOTS, draws, 42);
                double base = results.stream().mapToDouble(WriterResult::base).average().orElse(0);
                double[] lift = new double[SHOTS.length];
                for (int k = 0; k < SHOTS.length; k++) {
                    int shot = k;
                    lift[k] = results.stream().mapToDouble(r -> r.top1()[shot]).average().orElse(0) - base;
                }
                double other = results.stream().mapToDouble(WriterResult::otherProfile).average().orElse(0) - base;
                out.printf("  %5.0f %5.2f | %+6.2f %+6.2f %+6.2f | %+6.2f%n", gain, threshold, 100 * lift[0],
                        100 * lift[1], 100 * lift[2], 100 * other);
            }
        }
        out.flush();
    }

    private static String percentiles(double[] ms) {
        return String.format("p50 %.1f ms, p95 %.1f ms", Percentiles.of(ms, 0.50), Percentiles.of(ms, 0.95));
    }

    /**
     * Wall time from adding a sample (database write, its features, the prototype update) to the
     * answer of the next prediction with the profile (one TTA forward pass and the blend).
     */
    private static void timeUpdates(PrintWriter out, Predictor predictor, List<StrokeSample> samples) throws IOException {
        Path dir = Files.createTempDirectory("neuralscribe-profiles");
        try (ProfileStore store = ProfileStore.open(dir.resolve("profiles.db"))) {
            ProfileLearner learner = new ProfileLearner(store);
            store.create("timing", null);
            store.create("untimed", null);
            learner.prototypes("timing", predictor);
            // Like a server's inference worker: one PyTorch thread.
            TorchThreads.use(1);
            int adds = Math.min(TIMED_ADDS, samples.size() - 1);
            double[] total = new double[adds];
            double[] add = new double[adds];
            double[] write = new double[adds];
            for (int i = 0; i < adds; i++) {
                StrokeSample taught = samples.get(i);
                String label = taught.labelFor(predictor.metadata().classes());
                float[] view = StrokeRenderer.render(taught.strokes());
                float[] next = StrokeRenderer.render(samples.get(i + 1).strokes());
                long bare = System.nanoTime();
                store.addSample("untimed", label, taught.strokes(), view);
                write[i] = (System.nanoTime() - bare) / 1e6;
                long start = System.nanoTime();
                learner.add("timing", label, taught.strokes(), view);
                add[i] = (System.nanoTime() - start) / 1e6;
                learner.adapt("timing", predictor, predictor.read(List.of(next), true, ClassPrior.WRITTEN).get(0));
                total[i] = (System.nanoTime() - start) / 1e6;
            }
            out.printf("Adding a sample, then the next prediction using it: %s (%d adds). The add alone (database "
                    + "write, features, prototype update): %s; a database write alone: %s%n",
                    percentiles(total), adds, percentiles(add), percentiles(write));
            out.flush();
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
