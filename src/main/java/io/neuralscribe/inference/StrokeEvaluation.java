package io.neuralscribe.inference;

import io.neuralscribe.data.ClassFolding;
import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.raster.StrokeRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Replays pen-stroke characters through exactly the serving path — the one renderer, then the
 * predictor with test-time augmentation and the pen prior as the server runs them, then the person's
 * expectation when one is given — and keeps every answer, so that {@link StrokeReport} can count them
 * any way.
 */
public final class StrokeEvaluation {
    private static final int BATCH = 64;

    private StrokeEvaluation() {}

    /**
     * What the reader made of one sample.
     *
     * @param view the 28×28 picture the network saw
     * @param truth the sample's label in the model's own classes
     * @param top3 the three best readings in the model's classes
     */
    public record Answer(StrokeSample sample, float[] view, String truth, List<RankedLabel> top3) {
        public boolean correct() {
            return top3.get(0).label().equals(truth);
        }

        public boolean inTop3() {
            return top3.stream().anyMatch(r -> r.label().equals(truth));
        }

        /** Right once both are read in ByMerge's 47 classes (c and C are one class). */
        public boolean correctFolded() {
            return ClassFolding.toByMerge(top3.get(0).label()).equals(sample.bymergeLabel());
        }

        public boolean inTop3Folded() {
            return top3.stream().anyMatch(r -> ClassFolding.toByMerge(r.label()).equals(sample.bymergeLabel()));
        }
    }

    /**
     * @param hinted when true, each sample's answer is chosen among the classes its category asks
     *     for (digits, upper case, lower case), as if the writer had said so in the page
     * @param progress told how many samples are done after every batch
     */
    public static List<Answer> run(Predictor predictor, List<StrokeSample> samples, boolean tta, boolean hinted,
            IntConsumer progress) {
        List<String> classes = predictor.metadata().classes();
        List<Answer> answers = new ArrayList<>(samples.size());
        for (int from = 0; from < samples.size(); from += BATCH) {
            List<StrokeSample> batch = samples.subList(from, Math.min(samples.size(), from + BATCH));
            List<float[]> views = batch.stream().map(s -> StrokeRenderer.render(s.strokes())).toList();
            List<Prediction> predictions = predictor.predict(views, TtaMode.of(tta), ClassPrior.WRITTEN);
            for (int i = 0; i < batch.size(); i++) {
                StrokeSample sample = batch.get(i);
                Prediction prediction = predictions.get(i);
                Expectation expect = hinted ? expectationOf(sample.category()) : Expectation.ANY;
                if (expect != Expectation.ANY) {
                    prediction = prediction.restrictedTo(expect, classes);
                }
                answers.add(new Answer(sample, views.get(i), sample.labelFor(classes), prediction.top3()));
            }
            progress.accept(answers.size());
        }
        return answers;
    }

    /** UNIPEN's categories: 1a digits, 1b upper case, 1c lower case; anything else, no hint. */
    public static Expectation expectationOf(String category) {
        return switch (category) {
            case "1a" -> Expectation.DIGITS;
            case "1b" -> Expectation.UPPER;
            case "1c" -> Expectation.LOWER;
            default -> Expectation.ANY;
        };
    }
}
