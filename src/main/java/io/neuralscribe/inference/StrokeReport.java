package io.neuralscribe.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Figures of a stroke evaluation. "Balanced" is the mean of the per-label accuracies over the
 * labels as written (62 for UNIPEN: {@code o} and {@code O} count apart even for a model that merges
 * them), so that the many digits of a file do not hide the few {@code q}s.
 *
 * @param top1 plain top-1 in the model's own classes; {@code top3} likewise
 * @param top1Folded top-1 once answers and truth are read in ByMerge's 47 classes
 * @param balancedTop1 mean over written labels of top-1 in the model's classes
 * @param balancedFolded mean over written labels of top-1 in ByMerge's classes
 * @param perLabel accuracy (model's classes) for each written label, in label order
 * @param confusions the most frequent mistakes (truth in the model's classes → answer)
 * @param writerAccuracy each writer's top-1, lowest first
 */
public record StrokeReport(String dataset, int samples, int writers, double top1, double top3, double top1Folded,
        double top3Folded, double balancedTop1, double balancedFolded, Map<String, Double> perLabel,
        List<Confusion> confusions, List<WriterAccuracy> writerAccuracy) {

    public record Confusion(String actual, String predicted, int count) {}

    public record WriterAccuracy(String writer, int samples, double accuracy) {}

    public static StrokeReport of(String dataset, List<StrokeEvaluation.Answer> answers) {
        Map<String, int[]> byLabel = new TreeMap<>();
        Map<String, int[]> byLabelFolded = new TreeMap<>();
        Map<String, int[]> byWriter = new TreeMap<>();
        Map<String, Integer> mistakes = new LinkedHashMap<>();
        for (StrokeEvaluation.Answer a : answers) {
            count(byLabel, a.sample().label(), a.correct());
            count(byLabelFolded, a.sample().label(), a.correctFolded());
            count(byWriter, a.sample().writer(), a.correct());
            if (!a.correct()) {
                mistakes.merge(a.truth() + "\u0000" + a.top3().get(0).label(), 1, Integer::sum);
            }
        }
        Map<String, Double> perLabel = new LinkedHashMap<>();
        byLabel.forEach((label, c) -> perLabel.put(label, (double) c[0] / c[1]));
        List<Confusion> confusions = mistakes.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(15)
                .map(e -> new Confusion(e.getKey().split("\u0000")[0], e.getKey().split("\u0000")[1], e.getValue()))
                .toList();
        List<WriterAccuracy> writers = new ArrayList<>();
        byWriter.forEach((writer, c) -> writers.add(new WriterAccuracy(writer, c[1], (double) c[0] / c[1])));
        writers.sort(Comparator.comparingDouble(WriterAccuracy::accuracy));
        return new StrokeReport(dataset, answers.size(), byWriter.size(),
                share(answers, StrokeEvaluation.Answer::correct), share(answers, StrokeEvaluation.Answer::inTop3),
                share(answers, StrokeEvaluation.Answer::correctFolded),
                share(answers, StrokeEvaluation.Answer::inTop3Folded),
                perLabel.values().stream().mapToDouble(Double::doubleValue).average().orElse(0),
                byLabelFolded.values().stream().mapToDouble(c -> (double) c[0] / c[1]).average().orElse(0),
                perLabel, confusions, writers);
    }

    /** The written label with the lowest accuracy, and that accuracy. */
    public Map.Entry<String, Double> weakestLabel() {
        return perLabel.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
    }

    private static void count(Map<String, int[]> counts, String key, boolean right) {
        int[] c = counts.computeIfAbsent(key, k -> new int[2]);
        c[0] += right ? 1 : 0;
        c[1]++;
    }

    private static double share(List<StrokeEvaluation.Answer> answers, Predicate<StrokeEvaluation.Answer> test) {
        return answers.isEmpty() ? 0 : (double) answers.stream().filter(test).count() / answers.size();
    }
}
