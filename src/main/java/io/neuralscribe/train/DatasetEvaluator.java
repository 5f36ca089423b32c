package io.neuralscribe.train;

import io.neuralscribe.data.ClassFolding;
import io.neuralscribe.raster.Grid;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.model.InferenceNetwork;
import io.neuralscribe.model.InputEncoding;
import io.neuralscribe.model.Normalization;
import io.neuralscribe.model.StagedNetwork;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/** Runs a network over a labelled dataset in inference mode and tallies what it got right and wrong. */
public final class DatasetEvaluator {
    private static final int BATCH = 1000;
    private static final int TOP_CONFUSIONS = 15;

    private final StagedNetwork network;
    private final Normalization normalization;
    private final FocalLoss loss;

    public DatasetEvaluator(StagedNetwork network, Normalization normalization, FocalLoss loss) {
        this.network = network;
        this.normalization = normalization;
        this.loss = loss;
    }

    public EvaluationReport evaluate(NDManager parent, ImageDataset data, IntConsumer progress) {
        return evaluate(parent, data, progress, ClassFolding.identity(data.numClasses()));
    }

    /**
     * @param modelToData the data class each of the model's classes counts as (see {@link ClassFolding});
     *     when it is not the identity there is no loss to report (NaN)
     */
    public EvaluationReport evaluate(NDManager parent, ImageDataset data, IntConsumer progress, int[] modelToData) {
        int classes = data.numClasses();
        boolean sameClasses = java.util.Arrays.equals(modelToData, ClassFolding.identity(classes));
        long[][] confusion = new long[classes][classes];
        double lossSum = 0;
        float[] batchImages = new float[BATCH * Grid.PIXELS];
        byte[] raw = new byte[Grid.PIXELS];
        try (NDManager folded = parent.newSubManager()) {
            InferenceNetwork inference = InferenceNetwork.of(network, folded);
            for (int start = 0; start < data.size(); start += BATCH) {
                int count = Math.min(BATCH, data.size() - start);
                float[] targets = new float[count * classes];
                for (int i = 0; i < count; i++) {
                    data.copyImage(start + i, raw, 0);
                    Grid.toUnit(raw, 0, batchImages, i * Grid.PIXELS);
                    targets[i * classes + data.classes()[start + i]] = 1f;
                }
                try (NDManager manager = parent.newSubManager()) {
                    NDArray x = InputEncoding.toTensor(manager, batchImages, count, normalization);
                    NDList out = inference.forward(x);
                    NDArray logits = out.head();
                    if (sameClasses) {
                        lossSum += loss.perSample(manager.create(targets, new Shape(count, classes)), logits).sum().getFloat();
                    }
                    long[] predicted = logits.argMax(1).toLongArray();
                    for (int i = 0; i < count; i++) {
                        confusion[data.classes()[start + i]][modelToData[(int) predicted[i]]]++;
                    }
                }
                if (progress != null) {
                    progress.accept(start + count);
                }
            }
        }
        return report(data, confusion, sameClasses ? lossSum / data.size() : Double.NaN);
    }

    static EvaluationReport report(ImageDataset data, long[][] confusion, double meanLoss) {
        List<String> names = data.classNames();
        long correct = 0;
        List<EvaluationReport.ClassAccuracy> perClass = new ArrayList<>();
        List<EvaluationReport.Confusion> mistakes = new ArrayList<>();
        for (int actual = 0; actual < names.size(); actual++) {
            long total = 0;
            for (int predicted = 0; predicted < names.size(); predicted++) {
                total += confusion[actual][predicted];
                if (predicted != actual && confusion[actual][predicted] > 0) {
                    mistakes.add(new EvaluationReport.Confusion(
                            names.get(actual), names.get(predicted), (int) confusion[actual][predicted]));
                }
            }
            correct += confusion[actual][actual];
            perClass.add(new EvaluationReport.ClassAccuracy(
                    names.get(actual), (int) total, total == 0 ? 0 : (double) confusion[actual][actual] / total));
        }
        mistakes.sort(Comparator.comparingInt(EvaluationReport.Confusion::count).reversed());
        return new EvaluationReport(data.name(), data.size(), (double) correct / data.size(), meanLoss,
                perClass, List.copyOf(mistakes.subList(0, Math.min(TOP_CONFUSIONS, mistakes.size()))));
    }
}
