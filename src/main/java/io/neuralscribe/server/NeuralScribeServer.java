package io.neuralscribe.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.neuralscribe.data.ProfileStore;
import io.neuralscribe.inference.ProfileLearner;
import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.inference.UnknownModelException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The server: the page at {@code /}, the live protocol on {@code /ws} ({@link WebSocketEndpoint})
 * and the REST endpoints ({@link RestEndpoints}), every request through one access step
 * ({@link RequestAccess}). Bad input is answered with a clear error and never stops it.
 */
public final class NeuralScribeServer implements AutoCloseable {
    private static final long SHUTDOWN_DELAY_MILLIS = 200;

    private final ServerOptions options;
    private final AccessPolicy policy;
    private final String adminToken;
    private final boolean adminTokenGenerated;
    private final PredictionService predictions;
    private final ServedModels models;
    private final TrainingCoordinator training;
    private final WebSocketEndpoint webSocket;
    private final RestEndpoints rest;
    private final LineReadingEndpoints lineReading;
    private final ProfileStore profileStore;
    private final Javalin app;

    private NeuralScribeServer(ServerOptions options) throws IOException {
        this.options = options;
        this.adminTokenGenerated = options.adminRequired() && options.adminToken() == null;
        this.adminToken = adminTokenGenerated ? AccessPolicy.generateToken() : options.adminToken();
        boolean loopback = AccessPolicy.isLoopback(options.host());
        this.policy = new AccessPolicy(options.adminRequired(), adminToken, options.allowedOrigins(), loopback);
        this.predictions = new PredictionService(options.batching(), 32);
        this.models = new ServedModels(predictions, options.stateDirectory());
        try {
            for (Path file : options.modelFiles()) {
                models.add(file);
            }
            this.profileStore = ProfileStore.open(options.profilesFile());
        } catch (IOException | RuntimeException e) {
            predictions.close();
            throw e;
        }
        ProfileLearner learner = new ProfileLearner(profileStore);
        predictions.useProfiles(learner);
        ProfileEndpoints profiles = new ProfileEndpoints(learner, policy);
        CandidateChoice candidates = new CandidateChoice(models, this::broadcast);
        this.rest = new RestEndpoints(predictions, models, profiles, this::initMessage, this::shutdown);
        this.lineReading = new LineReadingEndpoints(predictions, models, profiles, rest);
        this.webSocket = new WebSocketEndpoint(policy, predictions, models, profiles, lineReading, this::training,
                candidates,
                this::initMessage, this::shutdown);
        // A download of several hundred megabytes starts from the page only for someone who holds
        // the admin token, or when whoever started the server allowed it.
        this.training = new TrainingCoordinator(models, options.training(), webSocket::broadcast,
                options.allowDownload() || options.adminRequired());
        this.app = createApp(new RequestAccess(policy), profiles, candidates);
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

    /** Whether the server made up its admin token (then it must be shown to whoever started it). */
    public boolean adminTokenGenerated() {
        return adminTokenGenerated;
    }

    public PredictionService predictions() {
        return predictions;
    }

    /** The upload endpoint's decode permits, for tests that fill them. */
    java.util.concurrent.Semaphore uploadDecodes() {
        return rest.decodes;
    }

    private void broadcast(Object message) {
        webSocket.broadcast(message);
    }

    private TrainingCoordinator training() {
        return training;
    }

    private Javalin createApp(RequestAccess access, ProfileEndpoints profiles, CandidateChoice candidates) {
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
                factory.setIdleTimeout(Duration.ofMinutes(2));
            });
            config.router.mount(router -> {
                router.before(access::check);
                router.before("/api/shutdown", access::checkShutdown);
                router.before("/api/models/*", access::checkAdminHeader);
                router.wsBeforeUpgrade("/ws", access::checkUpgrade);
                router.get("/api/health", rest::health);
                router.get("/api/status", rest::status);
                router.post("/api/predict", rest::predict);
                router.post("/api/shutdown", rest::shutdown);
                router.post("/predict", rest::upload);
                router.post("/api/read", lineReading::restRead);
                router.post("/read", lineReading::pictureRead);
                router.post("/api/models/{name}/keep", candidates::restKeep);
                router.post("/api/models/{name}/discard", candidates::restDiscard);
                profiles.routes(router, ctx -> RequestBodies.jsonObject(ctx, ServerOptions.MAX_BODY_BYTES));
                router.ws("/ws", webSocket::configure);
            });
            config.router.mount(router -> {
                router.exception(ProtocolException.class, (e, ctx) -> error(ctx, e.httpStatus(), e.code(), e.getMessage()));
                // A model named in the body or query that the server does not hold (thrown before any future exists).
                router.exception(UnknownModelException.class, (e, ctx) -> error(ctx, 404, "unknown_model", e.getMessage()));
                // Javalin's own refusals (e.g. a Content-Length past the limit) answer in JSON like ours.
                router.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                        "http_" + e.getStatus(), e.getMessage()));
            });
        });
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new Outbound.Error(null, null, code, message));
    }

    private Outbound.Init initMessage() {
        String name = predictions.defaultModel();
        return new Outbound.Init(models.info(name), models.infos(), models.metadata(name).history(), training.state(),
                policy.adminRequired());
    }

    private void shutdown() {
        webSocket.broadcast(new Outbound.Simple("shutdown_ack", null));
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_DELAY_MILLIS);
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
        profileStore.close();
    }
}
