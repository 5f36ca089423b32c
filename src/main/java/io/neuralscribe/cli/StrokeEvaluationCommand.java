package io.neuralscribe.cli;

import io.neuralscribe.data.SnakeCaseJson;
import io.neuralscribe.data.StrokeFile;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.data.WriterSplit;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.inference.StrokeEvaluation;
import io.neuralscribe.inference.StrokeReport;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** {@code evaluate --strokes}: a model on real pen strokes, replayed through the serving path. */
final class StrokeEvaluationCommand {
    private StrokeEvaluationCommand() {}

    static int run(PrintWriter out, Path modelFile, Path strokes, int limit, boolean hinted, boolean heldApart,
            Path sheet, Path json) throws IOException {
        List<StrokeSample> samples = StrokeFile.read(strokes);
        String name = strokes.getFileName().toString();
        if (heldApart) {
            samples = WriterSplit.heldApart(samples);
            name += ", held-apart writers";
        }
        if (limit > 0 && limit < samples.size()) {
            List<StrokeSample> shuffled = new ArrayList<>(samples);
            Collections.shuffle(shuffled, new Random(42));
            samples = shuffled.subList(0, limit);
            name += String.format(", a %,d-sample random subset", limit);
        }
        try (LoadedModel loaded = ModelFile.load(modelFile)) {
            Predictor predictor = new Predictor(loaded.metadata().split(), loaded);
            long writers = samples.stream().map(StrokeSample::writer).distinct().count();
            String dataset = String.format("%s (%,d samples, %d writers)", name, samples.size(), writers);
            out.printf("Evaluating %s (%s, %d classes, trained on %s) on %s, test-time augmentation as served, %s%s%n",
                    modelFile, loaded.metadata().architecture(), loaded.metadata().numClasses(),
                    loaded.metadata().trainedOn(), dataset,
                    loaded.metadata().penPrior() != null ? "each read alone with the model's pen prior"
                            : "no pen prior (the training prior)",
                    hinted ? ", each answer hinted by its category" : "");
            out.flush();
            ProgressBar bar = new ProgressBar(System.out, "evaluate", samples.size(), "samples");
            List<StrokeEvaluation.Answer> answers = StrokeEvaluation.run(predictor, samples, true, hinted,
                    done -> bar.update(done, null));
            StrokeReport report = StrokeReport.of(dataset, answers);
            print(out, report, loaded.metadata().numClasses());
            if (sheet != null) {
                ContactSheet.write(sheet, answers, 48);
                out.println("Worst mistakes drawn to " + sheet.toAbsolutePath());
            }
            if (json != null) {
                SnakeCaseJson.INDENTED.writeValue(json.toFile(), report);
                out.println("Report written to " + json.toAbsolutePath());
            }
        }
        return 0;
    }

    static void print(PrintWriter out, StrokeReport r, int classes) {
        out.printf("Top-1 %.2f %%, top-3 %.2f %% on the model's %d classes%n", r.top1() * 100, r.top3() * 100, classes);
        out.printf("Top-1 %.2f %%, top-3 %.2f %% folded to ByMerge's 47 classes%n", r.top1Folded() * 100,
                r.top3Folded() * 100);
        out.printf("Balanced over the %d written labels: top-1 %.2f %% on the model's classes, %.2f %% folded to ByMerge%n",
                r.perLabel().size(), r.balancedTop1() * 100, r.balancedFolded() * 100);
        Map.Entry<String, Double> weakest = r.weakestLabel();
        out.printf("Weakest written label: %s at %.2f %%%n", weakest.getKey(), weakest.getValue() * 100);
        out.println("Per written label (model's classes):");
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (Map.Entry<String, Double> e : r.perLabel().entrySet()) {
            line.append(String.format("  %s %6.2f %%", e.getKey(), e.getValue() * 100));
            if (++column % 8 == 0) {
                out.println(line);
                line.setLength(0);
            }
        }
        if (line.length() > 0) {
            out.println(line);
        }
        out.println("Most confused (truth → answer: samples):");
        for (StrokeReport.Confusion c : r.confusions()) {
            out.printf("  %s → %s: %,d%n", c.actual(), c.predicted(), c.count());
        }
        List<StrokeReport.WriterAccuracy> w = r.writerAccuracy();
        out.printf("Per writer (%d): lowest %.1f %% (%s), median %.1f %%, highest %.1f %%%n", w.size(),
                w.get(0).accuracy() * 100, w.get(0).writer(), w.get(w.size() / 2).accuracy() * 100,
                w.get(w.size() - 1).accuracy() * 100);
        out.flush();
    }
}
