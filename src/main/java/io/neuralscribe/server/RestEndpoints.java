package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.neuralscribe.inference.Expectation;
import io.neuralscribe.inference.ImageLimits;
import io.neuralscribe.inference.InvalidImageException;
import io.neuralscribe.inference.PictureUpload;
import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.inference.UnknownModelException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The REST endpoints: health and status, {@code POST /api/predict} (the predict message as JSON),
 * the upload endpoint {@code POST /predict} (a picture as a data URL → the top three readings) and
 * {@code POST /api/shutdown}. Access was checked before any of these runs ({@link RequestAccess}).
 */
final class RestEndpoints {
    private static final long PREDICTION_TIMEOUT_SECONDS = 30;
    /** The upload endpoint reads case: it prefers the 62-class model when one is served. */
    private static final String UPLOAD_DEFAULT_MODEL = "byclass";
    /**
     * Pictures decoded at once. Decoding is CPU-bound and costs up to a few hundred milliseconds at
     * the size limit; more at once than there are cores only makes every prediction wait.
     */
    static final int CONCURRENT_DECODES = 2;
    private static final String RETRY_AFTER_SECONDS = "1";

    private final PredictionService predictions;
    private final ServedModels models;
    private final ProfileEndpoints profiles;
    private final Supplier<Outbound.Init> init;
    private final Runnable shutdown;
    final PictureUpload uploads = new PictureUpload(ImageLimits.standard());
    final Semaphore decodes = new Semaphore(CONCURRENT_DECODES);

    RestEndpoints(PredictionService predictions, ServedModels models, ProfileEndpoints profiles,
            Supplier<Outbound.Init> init, Runnable shutdown) {
        this.predictions = predictions;
        this.profiles = profiles;
        this.models = models;
        this.init = init;
        this.shutdown = shutdown;
    }

    void health(Context ctx) {
        boolean ready = predictions.defaultModel() != null;
        ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("status", ready ? "ok" : "loading"));
    }

    void status(Context ctx) {
        ctx.json(init.get());
    }

    /** {@code POST /api/predict}: a predict message (its {@code type} may be left out). */
    void predict(Context ctx) throws ProtocolException {
        JsonNode body = RequestBodies.jsonObject(ctx, ServerOptions.MAX_BODY_BYTES);
        if (!body.has("type")) {
            ((ObjectNode) body).put("type", "predict");
        }
        Inbound message = InboundParser.parse(body);
        if (!(message instanceof Inbound.Predict predict)) {
            throw new ProtocolException("wrong_type", "POST /api/predict takes a predict message");
        }
        profiles.checkExists(predict.profile());
        Prediction prediction = await(predictions.submit(predict.model(), predict.drawing(), predict.tta(),
                predict.expect(), predict.profile()));
        ctx.json(Outbound.PredictionMessage.of(predict.id(), prediction, predict.profile(),
                predict.drawing().tooLittle()));
    }

    /** The upload endpoint: {@code {"image": "data:image/png;base64,…"}} → the top three readings. */
    void upload(Context ctx) throws ProtocolException {
        JsonNode body = RequestBodies.jsonObject(ctx, ServerOptions.MAX_BODY_BYTES);
        InboundParser.only(body, "an upload", Set.of("image", "expect"));
        Expectation expect = InboundParser.expectation(body);
        JsonNode image = body.get("image");
        if (image == null || !image.isTextual()) {
            throw new ProtocolException("missing_image", "the body needs \"image\": a data URL or base64 PNG/JPEG");
        }
        String model = ctx.queryParam("model");
        if (model == null) {
            model = models.names().contains(UPLOAD_DEFAULT_MODEL) ? UPLOAD_DEFAULT_MODEL : null;
        } else {
            models.info(model); // an unknown model is refused before any decoding
        }
        float[] view = decode(ctx, image.asText(), uploads::view);
        if (view == null) {
            ctx.json(new Outbound.UploadPredictions(List.of(), true, "nothing drawn"));
            return;
        }
        Prediction prediction = await(predictions.submitPicture(model, view, true, expect));
        ctx.json(prediction.empty() ? new Outbound.UploadPredictions(List.of(), true, "nothing drawn")
                : new Outbound.UploadPredictions(prediction.top3(), null, null, prediction.preview()));
    }

    /** What is made of an uploaded picture's bytes (decoding included). */
    @FunctionalInterface
    interface UploadReader<T> {
        T read(byte[] bytes) throws InvalidImageException;
    }

    /**
     * Reads an upload within {@link #CONCURRENT_DECODES}: when all are busy the answer is a fast 503.
     * Every endpoint that takes a picture decodes through here.
     */
    <T> T decode(Context ctx, String image, UploadReader<T> reader) throws ProtocolException {
        if (!decodes.tryAcquire()) {
            ctx.header(Header.RETRY_AFTER, RETRY_AFTER_SECONDS);
            throw new ProtocolException("busy", "the server is reading other pictures; try again in a second",
                    HttpStatus.SERVICE_UNAVAILABLE.getCode());
        }
        try {
            return reader.read(PictureUpload.bytesOf(image));
        } catch (InvalidImageException e) {
            throw new ProtocolException(e.code(), e.getMessage(), e.code().equals("image_too_large")
                    ? HttpStatus.CONTENT_TOO_LARGE.getCode() : HttpStatus.BAD_REQUEST.getCode());
        } finally {
            decodes.release();
        }
    }

    /** {@code POST /api/shutdown}: the token was checked before this runs. */
    void shutdown(Context ctx) {
        ctx.json(new Outbound.Simple("shutdown_ack", null));
        shutdown.run();
    }

    static <T> T await(CompletableFuture<T> future) throws ProtocolException {
        try {
            return future.get(PREDICTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownModelException unknown) {
                throw new ProtocolException("unknown_model", unknown.getMessage(), HttpStatus.NOT_FOUND.getCode());
            }
            throw new ProtocolException("internal_error", "prediction failed: " + e.getCause().getMessage(),
                    HttpStatus.INTERNAL_SERVER_ERROR.getCode());
        } catch (TimeoutException e) {
            throw new ProtocolException("timeout", "the prediction took too long", HttpStatus.SERVICE_UNAVAILABLE.getCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException("interrupted", "the server is stopping", HttpStatus.SERVICE_UNAVAILABLE.getCode());
        }
    }
}
