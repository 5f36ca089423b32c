package io.neuralscribe.server;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.neuralscribe.data.ProfileException;
import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.inference.UnknownModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The live protocol on {@code /ws}: predictions for every client, admin actions for those with the
 * token, and every training event broadcast to all. Who may connect is decided before the upgrade
 * ({@link RequestAccess}); a bad message is answered with an error and the connection goes on.
 */
final class WebSocketEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);

    private final AccessPolicy policy;
    private final PredictionService predictions;
    private final ProfileEndpoints profiles;
    private final LineReadingEndpoints lineReading;
    private final ServedModels models;
    private final Supplier<TrainingCoordinator> training;
    private final CandidateChoice candidates;
    private final Supplier<Outbound.Init> init;
    private final Runnable shutdown;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    WebSocketEndpoint(AccessPolicy policy, PredictionService predictions, ServedModels models, ProfileEndpoints profiles,
            LineReadingEndpoints lineReading, Supplier<TrainingCoordinator> training, CandidateChoice candidates,
            Supplier<Outbound.Init> init, Runnable shutdown) {
        this.candidates = candidates;
        this.policy = policy;
        this.profiles = profiles;
        this.lineReading = lineReading;
        this.predictions = predictions;
        this.models = models;
        this.training = training;
        this.init = init;
        this.shutdown = shutdown;
    }

    void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(ctx -> received(ctx, ctx.message()));
        ws.onBinaryMessage(ctx -> connectionOf(ctx).send(
                new Outbound.Error(null, null, "binary_not_supported", "send JSON text frames")));
        ws.onClose(ctx -> connections.remove(ctx.sessionId()));
        ws.onError(ctx -> connections.remove(ctx.sessionId()));
    }

    /** Sends {@code message} to every client, written once. */
    void broadcast(Object message) {
        String json = Json.write(message);
        for (Connection connection : connections.values()) {
            connection.sendText(json);
        }
    }

    private void connected(WsContext ctx) {
        Connection connection = new Connection(ctx);
        connections.put(ctx.sessionId(), connection);
        connection.send(init.get());
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
            policy.checkAdmin(message);
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

    /** Runs a message that has passed the access step. */
    private void handle(Connection connection, Inbound message) throws ProtocolException, IOException {
        if (message instanceof Inbound.Predict predict) {
            profiles.checkExists(predict.profile());
            if (connection.beginPrediction(predict, old -> connection.send(new Outbound.Error(old.id(), "predict",
                    "superseded", "a newer drawing from this client replaced this one")))) {
                predict(connection, predict);
            }
        } else if (message instanceof Inbound.Read read) {
            profiles.checkExists(read.profile());
            lineReading.onMessage(connection, read);
        } else if (message instanceof Inbound.Ping ping) {
            connection.send(new Outbound.Simple("pong", ping.id()));
        } else if (message instanceof Inbound.Train train) {
            training.get().start(train.model(), train.epochs(), train.evalLimit());
        } else if (message instanceof Inbound.PlanTraining plan) {
            Outbound.TrainingPlan answer = training.get().plan(plan.model(), plan.epochs(), plan.evalLimit());
            connection.send(answer);
        } else if (message instanceof Inbound.KeepModel keep) {
            candidates.keep(keep.model(), keep.candidate());
        } else if (message instanceof Inbound.DiscardModel discard) {
            candidates.discard(discard.model());
        } else if (message instanceof Inbound.CancelTraining) {
            if (!training.get().cancel()) {
                throw new ProtocolException("no_training", "no training is running", 409);
            }
        } else if (message instanceof Inbound.ResetModel reset) {
            resetModel(reset.model());
        } else if (message instanceof Inbound.ProfileRequest request) {
            connection.send(profiles.handle(request));
        } else if (message instanceof Inbound.Shutdown) {
            shutdown.run();
        }
    }

    /** Runs a prediction, then whatever newer drawing from the same client waited meanwhile. */
    private void predict(Connection connection, Inbound.Predict request) {
        CompletableFuture<Prediction> answer;
        try {
            answer = predictions.submit(request.model(), request.drawing(), request.tta(), request.expect(),
                    request.profile());
        } catch (UnknownModelException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((prediction, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                String code = cause instanceof UnknownModelException ? "unknown_model"
                        : cause instanceof ProfileException ? "unknown_profile" : "internal_error";
                connection.send(new Outbound.Error(request.id(), "predict", code, cause.getMessage()));
            } else {
                connection.sendPrediction(Outbound.PredictionMessage.of(request.id(), prediction, request.profile(),
                        request.drawing().tooLittle()));
            }
            Inbound.Predict next = connection.endPrediction();
            if (next != null) {
                predict(connection, next);
            }
        });
    }

    private void resetModel(String model) throws ProtocolException, IOException {
        if (training.get().running()) {
            throw new ProtocolException("training_in_progress", "cancel the running training before a reset", 409);
        }
        String name = models.info(model).name();
        models.reset(name);
        broadcast(new Outbound.ModelReset(name, models.info(name), models.metadata(name).history()));
    }
}
