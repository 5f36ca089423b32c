package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.websocket.WsContext;
import io.neuralscribe.inference.ImageDecoder;
import io.neuralscribe.inference.ImageLimits;
import io.neuralscribe.inference.InvalidImageException;
import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.raster.Preprocessing;
import io.neuralscribe.inference.UnknownModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP and WebSocket server: the page at {@code /}, the live protocol on {@code /ws}, and the
 * REST endpoints of both seeds. Bad input is answered with a clear error and never stops it.
 */
public final class NeuralScribeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NeuralScribeServer.class);
    private static final long REST_TIMEOUT_SECONDS = 30;
    /** Neural Ink's endpoint reads case: it prefers the 62-class model when one is served. */
    private static final String INK_DEFAULT_MODEL = "byclass";

    private final ServerOptions options;
    private final AccessPolicy policy;
    private final String adminToken;
    private final PredictionService predictions;
    private final ServedModels models;
    private final TrainingCoordinator training;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ImageDecoder imageDecoder = new ImageDecoder(ImageLimits.standard());
    private final LineReadingEndpoints lineReading;
    private final Javalin app;

    private NeuralScribeServer(ServerOptions options) throws IOException {
        this.options = options;
        this.adminToken = options.adminRequired()
                ? (options.adminToken() != null ? options.adminToken() : AccessPolicy.generateToken()) : null;
        this.policy = new AccessPolicy(options.adminRequired(), adminToken, options.allowedOrigins(),
                AccessPolicy.isLoopback(options.host()));
        this.predictions = new PredictionService(options.batching(), 32);
        this.models = new ServedModels(predictions, options.stateDirectory());
        try {
            for (Path file : options.modelFiles()) {
                models.add(file);
            }
        } catch (IOException | RuntimeException e) {
            predictions.close();
            throw e;
        }
        this.training = new TrainingCoordinator(models, options.training(), this::broadcast);
        this.lineReading = new LineReadingEndpoints(predictions, imageDecoder, this::jsonBody);
        this.app = createApp();
    }

    /** Loads the models and starts listening. */
    public static NeuralScribeServer start(ServerOptions options) throws IOException {
        NeuralScribeServer server = new NeuralScribeServer(options);
        server.app.start(options.host(), options.port());
        return server;
    }

    public int port() {
        return app.port();
    }

    /** The admin token, or {@code null} when admin actions need none (loopback). */
    public String adminToken() {
        return adminToken;
    }

    public PredictionService predictions() {
        return predictions;
    }

    private Javalin createApp() {
        return Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = ServerOptions.MAX_BODY_BYTES;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = Map.of(
                        "X-Content-Type-Options", "nosniff",
                        "Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; "
                                + "img-src 'self' data:; style-src 'self'; frame-ancestors 'none'",
                        "Referrer-Policy", "no-referrer",
                        "Cache-Control", "no-cache");
            });
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(ServerOptions.MAX_FRAME_BYTES);
                factory.setMaxBinaryMessageSize(1024);
                factory.setIdleTimeout(java.time.Duration.ofMinutes(2));
            });
            config.router.mount(router -> {
                router.get("/api/health", this::health);
                router.get("/api/status", ctx -> ctx.json(initMessage()));
                router.post("/api/predict", this::restPredict);
                router.post("/api/shutdown", this::restShutdown);
                router.post("/predict", this::inkPredict);
                router.post("/api/read", lineReading::restRead);
                router.post("/read", lineReading::pictureRead);
                router.wsBeforeUpgrade("/ws", this::checkUpgrade);
                router.ws("/ws", ws -> {
                    ws.onConnect(this::connected);
                    ws.onMessage(ctx -> received(ctx, ctx.message()));
                    ws.onBinaryMessage(ctx -> connectionOf(ctx).send(
                            new Outbound.Error(null, null, "binary_not_supported", "send JSON text frames")));
                    ws.onClose(ctx -> connections.remove(ctx.sessionId()));
                    ws.onError(ctx -> connections.remove(ctx.sessionId()));
                });
            });
            config.router.mount(router -> {
                router.exception(ProtocolException.class, (e, ctx) -> restError(ctx, e));
                // A model named in the body or query that the server does not hold (thrown before any future exists).
                router.exception(UnknownModelException.class,
                        (e, ctx) -> restError(ctx, new ProtocolException("unknown_model", e.getMessage(), 404)));
            });
        });
    }

    // ---- WebSocket -------------------------------------------------------------------------

    private void checkUpgrade(Context ctx) {
        String origin = ctx.header("Origin");
        if (!policy.originAllowed(origin, ctx.header("Host"))) {
            LOG.warn("Refused a WebSocket from origin {}", origin);
            throw new io.javalin.http.ForbiddenResponse("WebSocket connections from " + origin + " are not allowed");
        }
    }

    private void connected(WsContext ctx) {
        Connection connection = new Connection(ctx);
        connections.put(ctx.sessionId(), connection);
        connection.send(initMessage());
    }

    private Connection connectionOf(WsContext ctx) {
        return connections.computeIfAbsent(ctx.sessionId(), id -> new Connection(ctx));
    }

    private void received(WsContext ctx, String text) {
        Connection connection = connectionOf(ctx);
        if (text.length() > ServerOptions.MAX_MESSAGE_CHARS) {
            connection.send(new Outbound.Error(null, null, "message_too_large", "a message may be at most "
                    + ServerOptions.MAX_MESSAGE_CHARS + " characters; this one has " + text.length()));
            return;
        }
        Inbound message;
        try {
            message = InboundParser.parse(text);
        } catch (ProtocolException e) {
            connection.send(new Outbound.Error(e.requestId(), e.requestType(), e.code(), e.getMessage()));
            return;
        }
        try {
            handle(connection, message);
        } catch (ProtocolException e) {
            connection.send(new Outbound.Error(message.id(), message.type(), e.code(), e.getMessage()));
        } catch (UnknownModelException e) {
            connection.send(new Outbound.Error(message.id(), message.type(), "unknown_model", e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Request {} failed", message.type(), e);
            connection.send(new Outbound.Error(message.id(), message.type(), "internal_error",
                    "the server could not do that: " + e.getMessage()));
        }
    }

    private void handle(Connection connection, Inbound message) throws ProtocolException, IOException {
        if (message instanceof Inbound.Predict predict) {
            if (connection.beginPrediction(predict, old -> connection.send(new Outbound.Error(old.id(), "predict",
                    "superseded", "a newer drawing from this client replaced this one")))) {
                predict(connection, predict);
            }
        } else if (message instanceof Inbound.Read read) {
            lineReading.onMessage(connection, read);
        } else if (message instanceof Inbound.Ping ping) {
            connection.send(new Outbound.Simple("pong", ping.id()));
        } else if (message instanceof Inbound.Train train) {
            policy.checkAdmin(train.token());
            training.start(train.model(), train.epochs());
        } else if (message instanceof Inbound.CancelTraining cancel) {
            policy.checkAdmin(cancel.token());
            if (!training.cancel()) {
                throw new ProtocolException("no_training", "no training is running", 409);
            }
        } else if (message instanceof Inbound.ResetModel reset) {
            policy.checkAdmin(reset.token());
            resetModel(reset.model());
        } else if (message instanceof Inbound.Shutdown shutdown) {
            policy.checkAdmin(shutdown.token());
            shutdown();
        }
    }

    /** Runs a prediction, then whatever newer drawing from the same client waited meanwhile. */
    private void predict(Connection connection, Inbound.Predict request) {
        CompletableFuture<Prediction> answer;
        try {
            answer = predictions.submit(request.model(), request.drawing(), request.tta(), request.expect());
        } catch (UnknownModelException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((prediction, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                String code = cause instanceof UnknownModelException ? "unknown_model" : "internal_error";
                connection.send(new Outbound.Error(request.id(), "predict", code, cause.getMessage()));
            } else {
                connection.send(Outbound.PredictionMessage.of(request.id(), prediction));
            }
            Inbound.Predict next = connection.endPrediction();
            if (next != null) {
                predict(connection, next);
            }
        });
    }

    private void resetModel(String model) throws ProtocolException, IOException {
        if (training.running()) {
            throw new ProtocolException("training_in_progress", "cancel the running training before a reset", 409);
        }
        String name = models.info(model).name();
        models.reset(name);
        broadcast(new Outbound.ModelReset(name, models.info(name), models.metadata(name).history()));
    }

    private void broadcast(Object message) {
        String json = Json.write(message);
        for (Connection connection : connections.values()) {
            connection.sendText(json);
        }
    }

    private Outbound.Init initMessage() {
        String name = predictions.defaultModel();
        return new Outbound.Init(models.info(name), models.infos(), models.metadata(name).history(), training.state(),
                policy.adminRequired());
    }

    // ---- REST ------------------------------------------------------------------------------

    private void health(Context ctx) {
        boolean ready = predictions.defaultModel() != null;
        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ok" : "loading"));
    }

    private void restPredict(Context ctx) throws ProtocolException {
        JsonNode body = jsonBody(ctx);
        if (body.isObject() && !body.has("type")) {
            ((ObjectNode) body).put("type", "predict");
        }
        Inbound message = InboundParser.parse(body);
        if (!(message instanceof Inbound.Predict predict)) {
            throw new ProtocolException("wrong_type", "POST /api/predict takes a predict message");
        }
        Prediction prediction = await(predictions.submit(predict.model(), predict.drawing(), predict.tta(), predict.expect()));
        ctx.json(Outbound.PredictionMessage.of(predict.id(), prediction));
    }

    private void restShutdown(Context ctx) throws ProtocolException {
        checkBrowserOrigin(ctx);
        String token = ctx.header("X-Admin-Token");
        if (token == null && ctx.body().length() > 0) {
            JsonNode body = jsonBody(ctx);
            token = body.path("token").isTextual() ? body.path("token").asText() : null;
        }
        policy.checkAdmin(token);
        ctx.json(new Outbound.Simple("shutdown_ack", null));
        shutdown();
    }

    /** Neural Ink: {@code {"image": "data:image/png;base64,…"}} → the top three readings. */
    private void inkPredict(Context ctx) throws ProtocolException {
        JsonNode body = jsonBody(ctx);
        JsonNode image = body.get("image");
        if (image == null || !image.isTextual()) {
            throw new ProtocolException("missing_image", "the body needs \"image\": a data URL or base64 PNG/JPEG");
        }
        byte[] bytes = dataUrlBytes(image.asText());
        ImageDecoder.GrayImage gray;
        try {
            gray = imageDecoder.decode(bytes);
        } catch (InvalidImageException e) {
            throw new ProtocolException(e.code(), e.getMessage(), e.code().equals("image_too_large") ? 413 : 400);
        }
        String model = ctx.queryParam("model");
        if (model == null) {
            model = models.names().contains(INK_DEFAULT_MODEL) ? INK_DEFAULT_MODEL : null;
        }
        float[] view = Preprocessing.fromUnitImage(gray.pixels(), gray.width(), gray.height());
        Prediction prediction = await(predictions.submitView(model, view, true, InboundParser.expectation(body)));
        if (prediction.empty()) {
            ctx.json(new Outbound.InkPredictions(java.util.List.of(), true, "nothing drawn"));
        } else {
            ctx.json(new Outbound.InkPredictions(prediction.top3(), null, null));
        }
    }

    static byte[] dataUrlBytes(String text) throws ProtocolException {
        String payload = text;
        if (text.startsWith("data:")) {
            int comma = text.indexOf(',');
            String header = comma < 0 ? "" : text.substring(5, comma).toLowerCase(java.util.Locale.ROOT);
            if (comma < 0 || !header.endsWith(";base64")) {
                throw new ProtocolException("bad_data_url", "\"image\" must be a base64 data URL (data:image/png;base64,…)");
            }
            String mime = header.substring(0, header.length() - ";base64".length());
            if (!mime.equals("image/png") && !mime.equals("image/jpeg") && !mime.equals("image/jpg")) {
                throw new ProtocolException("unsupported_image", "only image/png and image/jpeg are accepted, not " + mime);
            }
            payload = text.substring(comma + 1);
        }
        try {
            // Line breaks and spaces are allowed; anything else outside the alphabet is an error (the MIME
            // decoder would silently skip it and turn garbage into a shorter, different picture).
            return Base64.getDecoder().decode(payload.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("bad_base64", "\"image\" is not valid base64: " + e.getMessage());
        }
    }

    private JsonNode jsonBody(Context ctx) throws ProtocolException {
        checkBrowserOrigin(ctx);
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ProtocolException("unsupported_media_type", "send the body as application/json", 415);
        }
        try {
            JsonNode body = Json.MAPPER.readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw new ProtocolException("bad_message", "the body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new ProtocolException("bad_json", "the body is not valid JSON: " + e.getMessage());
        }
    }

    /** A browser may POST here only from the page's own origin: no drive-by requests from other sites. */
    private void checkBrowserOrigin(Context ctx) throws ProtocolException {
        if (!policy.originAllowed(ctx.header("Origin"), ctx.header("Host"))) {
            throw new ProtocolException("forbidden_origin", "requests from " + ctx.header("Origin") + " are not allowed", 403);
        }
    }

    static <T> T await(CompletableFuture<T> future) throws ProtocolException {
        try {
            return future.get(REST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownModelException unknown) {
                throw new ProtocolException("unknown_model", unknown.getMessage(), 404);
            }
            throw new ProtocolException("internal_error", "prediction failed: " + e.getCause().getMessage(), 500);
        } catch (TimeoutException e) {
            throw new ProtocolException("timeout", "the prediction took too long", 503);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException("interrupted", "the server is stopping", 503);
        }
    }

    private static void restError(Context ctx, ProtocolException e) {
        ctx.status(e.httpStatus()).json(new Outbound.Error(null, null, e.code(), e.getMessage()));
    }

    private void shutdown() {
        broadcast(new Outbound.Simple("shutdown_ack", null));
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            close();
            options.onShutdown().run();
        }, "shutdown");
        stopper.start();
    }

    @Override
    public void close() {
        training.close();
        app.stop();
        predictions.close();
    }
}
