package io.neuralscribe.server;

import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.RankedLabel;
import io.neuralscribe.model.ComputeDevice;
import io.neuralscribe.model.EpochRecord;

import java.util.List;
import java.util.Map;

/** Server → client messages. Field names go out in snake_case (see {@link Json}). */
public final class Outbound {
    private Outbound() {}

    /**
     * What the server says of a model it holds.
     *
     * @param candidate a finished training's model waiting for a person to keep it or this one, or {@code null}
     * @param setAside whether a model a person did not keep is still on disk (until they discard it)
     */
    public record ModelInfo(String name, String architecture, String split, List<String> classes, String trainedOn,
            Double accuracy, String evaluatedOn, boolean shipped, Candidate candidate, boolean setAside) {}

    /**
     * A candidate and the comparison a person decides by: both models' accuracy on the same
     * {@code images} test images of {@code testSet} (all null when the comparison was lost).
     */
    public record Candidate(ModelInfo model, String testSet, Integer images, Double currentAccuracy,
            Double candidateAccuracy) {
        static Candidate of(ModelInfo model, io.neuralscribe.train.CandidateComparison c) {
            return c == null ? new Candidate(model, null, null, null, null)
                    : new Candidate(model, c.testSet(), c.images(), c.currentAccuracy(), c.candidateAccuracy());
        }
    }

    /**
     * The training under way, as a page that connects mid-run needs it.
     *
     * @param stage {@code "loading"}, {@code "training"} or {@code "evaluating"}
     * @param evaluating while evaluating: {@code "candidate"} or {@code "current"}
     * @param images while evaluating: test images done of {@code totalImages}
     * @param history this run's epochs only
     */
    public record TrainingState(String model, int epoch, int totalEpochs, String stage, String evaluating, int images,
            int totalImages, int trainingImages, List<EpochRecord> history) {}

    public record Init(String type, boolean modelLoaded, String device, ModelInfo model, List<ModelInfo> models,
            List<String> classes, List<EpochRecord> history, TrainingState training, boolean adminRequired) {
        public Init(ModelInfo model, List<ModelInfo> models, List<EpochRecord> history, TrainingState training,
                boolean adminRequired) {
            this("init", model != null, ComputeDevice.describe(ComputeDevice.current()), model, models, model == null ? List.of() : model.classes(), history,
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
            return of(id, p, profile, false);
        }

        /** @param tooLittle the drawing had ink, too little to read (see {@code Drawing}) */
        public static PredictionMessage of(Object id, Prediction p, String profile, boolean tooLittle) {
            return new PredictionMessage("prediction", id, p.model(), p.empty(), p.empty() ? emptyMessage(tooLittle) : null,
                    p.label(), p.empty() ? null : p.confidence(), p.probabilities(), p.top3(), p.inferenceMs(),
                    p.preview(), p.activations(), p.layers(), p.expect().wireName(), p.lookAlike(), profile);
        }
    }

    /** @param testImages the final evaluation's images (both models are evaluated on them) */
    /** What an empty answer says: nothing was drawn, or too little to read. */
    public static String emptyMessage(boolean tooLittle) {
        return tooLittle ? "draw a bit more" : "nothing drawn";
    }

    public record TrainingStarted(String type, String model, int totalEpochs, int trainingImages, int testImages) {
        public TrainingStarted(String model, int totalEpochs, int trainingImages, int testImages) {
            this("training_started", model, totalEpochs, trainingImages, testImages);
        }
    }

    /**
     * What a training would do, before it starts: the answer to {@code plan_training}.
     *
     * @param downloadBytes about how much must be downloaded first (0: the data is there)
     * @param estimatedSeconds training and final evaluation at {@code speedFrom}'s speed, or null when unknown
     * @param message when {@code canStart} is false: why, and what to do, in one sentence
     */
    public record TrainingPlan(String type, String model, int epochs, String dataFolder, boolean dataPresent,
            long downloadBytes, int trainingImages, int testImages, Double estimatedSeconds, String speedFrom,
            boolean canStart, String message) {
        public TrainingPlan(String model, int epochs, String dataFolder, boolean dataPresent, long downloadBytes,
                int trainingImages, int testImages, Double estimatedSeconds, String speedFrom, boolean canStart,
                String message) {
            this("training_plan", model, epochs, dataFolder, dataPresent, downloadBytes, trainingImages, testImages,
                    estimatedSeconds, speedFrom, canStart, message);
        }
    }

    public record TrainingProgress(String type, String model, int epoch, int totalEpochs, int batch, int batches,
            double loss, double etaSeconds) {
        public TrainingProgress(String model, int epoch, int totalEpochs, int batch, int batches, double loss,
                double etaSeconds) {
            this("training_progress", model, epoch, totalEpochs, batch, batches, loss, etaSeconds);
        }
    }

    /**
     * The final evaluation: {@code images} of {@code totalImages} checked, first of the candidate,
     * then of the current model ({@code evaluating}) on the same images.
     */
    public record TrainingEvaluating(String type, String model, String evaluating, int images, int totalImages) {
        public TrainingEvaluating(String model, String evaluating, int images, int totalImages) {
            this("training_evaluating", model, evaluating, images, totalImages);
        }
    }

    /** An epoch's figures; {@code checkImages}: how many test images the epoch's check read. */
    public record TrainingUpdate(String type, String model, int epoch, int totalEpochs, double accuracy,
            double trainLoss, double testLoss, double epochSeconds, double learningRate, Integer checkImages,
            double etaSeconds) {
        public static TrainingUpdate of(String model, EpochRecord r, int totalEpochs, double etaSeconds) {
            return new TrainingUpdate("training_update", model, r.epoch(), totalEpochs, r.accuracy(), r.trainLoss(),
                    r.testLoss(), r.epochSeconds(), r.learningRate(), r.checkImages(), etaSeconds);
        }
    }

    /**
     * A run ended with a candidate; the current model still serves until a person keeps one.
     *
     * @param accuracy the candidate's, on the comparison's test images
     * @param history the candidate's epoch records
     * @param modelInfo the current model, its {@code candidate} filled in
     */
    public record TrainingComplete(String type, String model, double accuracy, List<EpochRecord> history,
            ModelInfo modelInfo, Candidate candidate) {
        public TrainingComplete(String model, double accuracy, List<EpochRecord> history, ModelInfo modelInfo) {
            this("training_complete", model, accuracy, history, modelInfo, modelInfo.candidate());
        }
    }

    /** A person kept {@code kept} ({@code "candidate"} or {@code "current"}); the other was set aside. */
    public record ModelKept(String type, String model, String kept, ModelInfo modelInfo, List<EpochRecord> history) {
        public ModelKept(String model, String kept, ModelInfo modelInfo, List<EpochRecord> history) {
            this("model_kept", model, kept, modelInfo, history);
        }
    }

    /** The set-aside model of {@code model} was deleted. */
    public record ModelDiscarded(String type, String model, ModelInfo modelInfo) {
        public ModelDiscarded(String model, ModelInfo modelInfo) {
            this("model_discarded", model, modelInfo);
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

    /**
     * The upload endpoint's ({@code POST /predict}) answer; {@code preview} is the 28×28 view the
     * network saw (784 numbers 0–255, upright), as in a prediction.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record UploadPredictions(List<RankedLabel> predictions, Boolean empty, String message, int[] preview) {
        public UploadPredictions(List<RankedLabel> predictions, Boolean empty, String message) {
            this(predictions, empty, message, null);
        }
    }
}
