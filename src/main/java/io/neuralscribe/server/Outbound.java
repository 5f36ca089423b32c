package io.neuralscribe.server;

import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.RankedLabel;
import io.neuralscribe.model.EpochRecord;

import java.util.List;
import java.util.Map;

/** Server → client messages. Field names go out in snake_case (see {@link Json}). */
public final class Outbound {
    private Outbound() {}

    /** What the server says of a model it holds. */
    public record ModelInfo(String name, String architecture, String split, List<String> classes, String trainedOn,
            Double accuracy, String evaluatedOn, boolean shipped) {}

    public record TrainingState(String model, int epoch, int totalEpochs, List<EpochRecord> history) {}

    public record Init(String type, boolean modelLoaded, String device, ModelInfo model, List<ModelInfo> models,
            List<String> classes, List<EpochRecord> history, TrainingState training, boolean adminRequired) {
        public Init(ModelInfo model, List<ModelInfo> models, List<EpochRecord> history, TrainingState training,
                boolean adminRequired) {
            this("init", model != null, "cpu", model, models, model == null ? List.of() : model.classes(), history,
                    training, adminRequired);
        }
    }

    public record PredictionMessage(String type, Object id, String model, boolean empty, String message, String label,
            Double confidence, float[] probabilities, List<RankedLabel> top3, double inferenceMs, int[] preview,
            Map<String, float[]> activations, List<String> layers, String expect, RankedLabel lookAlike,
            String profile) {
        public static PredictionMessage of(Object id, Prediction p) {
            return of(id, p, null);
        }

        /** @param profile the profile the answer was read with, {@code null} for the model alone */
        public static PredictionMessage of(Object id, Prediction p, String profile) {
            return new PredictionMessage("prediction", id, p.model(), p.empty(), p.empty() ? "nothing drawn" : null,
                    p.label(), p.empty() ? null : p.confidence(), p.probabilities(), p.top3(), p.inferenceMs(),
                    p.preview(), p.activations(), p.layers(), p.expect().wireName(), p.lookAlike(), profile);
        }
    }

    public record TrainingStarted(String type, String model, int totalEpochs, int trainingImages) {
        public TrainingStarted(String model, int totalEpochs, int trainingImages) {
            this("training_started", model, totalEpochs, trainingImages);
        }
    }

    public record TrainingProgress(String type, String model, int epoch, int totalEpochs, int batch, int batches,
            double loss, double etaSeconds) {
        public TrainingProgress(String model, int epoch, int totalEpochs, int batch, int batches, double loss,
                double etaSeconds) {
            this("training_progress", model, epoch, totalEpochs, batch, batches, loss, etaSeconds);
        }
    }

    /** The final evaluation on the whole test set: {@code images} of {@code totalImages} checked. */
    public record TrainingEvaluating(String type, String model, int images, int totalImages) {
        public TrainingEvaluating(String model, int images, int totalImages) {
            this("training_evaluating", model, images, totalImages);
        }
    }

    public record TrainingUpdate(String type, String model, int epoch, int totalEpochs, double accuracy,
            double trainLoss, double testLoss, double epochSeconds, double learningRate, double etaSeconds) {
        public static TrainingUpdate of(String model, EpochRecord r, int totalEpochs, double etaSeconds) {
            return new TrainingUpdate("training_update", model, r.epoch(), totalEpochs, r.accuracy(), r.trainLoss(),
                    r.testLoss(), r.epochSeconds(), r.learningRate(), etaSeconds);
        }
    }

    public record TrainingComplete(String type, String model, double accuracy, List<EpochRecord> history,
            ModelInfo modelInfo) {
        public TrainingComplete(String model, double accuracy, List<EpochRecord> history, ModelInfo modelInfo) {
            this("training_complete", model, accuracy, history, modelInfo);
        }
    }

    public record TrainingCancelled(String type, String model, String message) {
        public TrainingCancelled(String model, String message) {
            this("training_cancelled", model, message);
        }
    }

    public record TrainingError(String type, String model, String message) {
        public TrainingError(String model, String message) {
            this("training_error", model, message);
        }
    }

    public record DownloadProgress(String type, long bytes, long totalBytes, String message) {
        public DownloadProgress(long bytes, long totalBytes, String message) {
            this("download_progress", bytes, totalBytes, message);
        }
    }

    public record ModelReset(String type, String model, ModelInfo modelInfo, List<EpochRecord> history) {
        public ModelReset(String model, ModelInfo modelInfo, List<EpochRecord> history) {
            this("model_reset", model, modelInfo, history);
        }
    }

    public record Simple(String type, Object id) {}

    public record Error(String type, Object id, String requestType, String code, String message) {
        public Error(Object id, String requestType, String code, String message) {
            this("error", id, requestType, code, message);
        }
    }

    /** The upload endpoint's ({@code POST /predict}) answer. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record UploadPredictions(List<RankedLabel> predictions, Boolean empty, String message) {}
}
