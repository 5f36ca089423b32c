package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.neuralscribe.inference.Box;
import io.neuralscribe.inference.Expectation;
import io.neuralscribe.data.ProfileException;
import io.neuralscribe.inference.LineContext;
import io.neuralscribe.inference.LineReader;
import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.PredictionService;
import io.neuralscribe.inference.RankedLabel;
import io.neuralscribe.inference.UnknownModelException;
import io.neuralscribe.inference.WordList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reading a written line: the WebSocket message {@code read}, {@code POST /api/read} (both take
 * strokes) and {@code POST /read} (a picture, as a data URL). The line is segmented and rendered on
 * the caller's thread; its characters then go to the prediction service as ONE request, so they
 * share a forward pass (read with the named profile, if any); the shipped English word list breaks
 * near-ties. A picture is decoded within the upload endpoint's limits ({@link RestEndpoints#decode}).
 *
 * <p>Like {@code predict}, a client that sends readings faster than they are answered (the page
 * reads while the pen moves) gets only its newest one run after the one in flight; older waiting
 * ones are answered {@code superseded}. A client is remembered only while one of its readings runs.
 */
final class LineReadingEndpoints {
    private final PredictionService predictions;
    private final ServedModels models;
    private final ProfileEndpoints profiles;
    private final RestEndpoints rest;
    private final WordList words = WordList.english();
    /** Per client with a reading in flight, the newest one waiting (null when none); guarded by itself. */
    private final Map<Connection, Inbound.Read> inFlight = new HashMap<>();

    LineReadingEndpoints(PredictionService predictions, ServedModels models, ProfileEndpoints profiles,
            RestEndpoints rest) {
        this.predictions = predictions;
        this.models = models;
        this.profiles = profiles;
        this.rest = rest;
    }

    /** One character on the wire: the context's choice, the network's own top three, where it is. */
    record CharacterMessage(String label, double confidence, List<RankedLabel> alternatives, Box box, boolean joined,
            float[] probabilities) {}

    /**
     * The answer to {@code read}: the text, its characters and words, and the full answer for the
     * character last written ({@code focus}: the page's bars and network view follow it).
     */
    record ReadingMessage(String type, Object id, String model, String text, String networkText,
            List<CharacterMessage> characters, List<LineContext.Word> words, boolean joined, String message,
            int lastTouched, Outbound.PredictionMessage focus, String expect, String profile) {
        static ReadingMessage of(Object id, String model, LineReader.Reading r, Expectation expect, String profile) {
            List<CharacterMessage> characters = r.characters().stream().map(c -> new CharacterMessage(c.label(),
                    c.confidence(), c.alternatives(), c.box(), c.joined(), c.prediction().probabilities())).toList();
            Prediction focus = r.lastTouched() >= 0 ? r.characters().get(r.lastTouched()).prediction() : null;
            return new ReadingMessage("reading", id, model, r.text(), r.networkText(), characters, r.words(), r.joined(),
                    r.joined() ? "some letters look joined: joined-up writing is not split into letters, write them apart"
                            : null, r.lastTouched(), focus == null ? null : Outbound.PredictionMessage.of(null, focus, profile),
                    expect.wireName(), profile);
        }
    }

    // ---- WebSocket -------------------------------------------------------------------------

    void onMessage(Connection connection, Inbound.Read request) {
        synchronized (inFlight) {
            if (inFlight.containsKey(connection)) {
                Inbound.Read old = inFlight.put(connection, request);
                if (old != null) {
                    connection.send(new Outbound.Error(old.id(), "read", "superseded",
                            "a newer line from this client replaced this one"));
                }
                return;
            }
            inFlight.put(connection, null);
        }
        run(connection, request);
    }

    private void run(Connection connection, Inbound.Read request) {
        CompletableFuture<ReadingMessage> answer;
        try {
            answer = readStrokes(request);
        } catch (ProtocolException | UnknownModelException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((message, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                String code = cause instanceof ProtocolException p ? p.code()
                        : cause instanceof UnknownModelException ? "unknown_model"
                        : cause instanceof ProfileException ? "unknown_profile" : "internal_error";
                connection.send(new Outbound.Error(request.id(), "read", code, cause.getMessage()));
            } else {
                connection.send(message);
            }
            Inbound.Read next;
            synchronized (inFlight) {
                next = inFlight.remove(connection);
                if (next != null) {
                    inFlight.put(connection, null);
                }
            }
            if (next != null) {
                run(connection, next);
            }
        });
    }

    private CompletableFuture<ReadingMessage> readStrokes(Inbound.Read request) throws ProtocolException {
        LineReader.Prepared prepared;
        try {
            prepared = LineReader.prepareStrokes(request.strokes());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("too_many_characters", e.getMessage());
        }
        return read(prepared, request.model(), request.tta(), request.expect(), request.profile(), request.id());
    }

    private CompletableFuture<ReadingMessage> read(LineReader.Prepared prepared, String model, boolean tta,
            Expectation expect, String profile, Object id) {
        String name = predictions.predictor(model).name();
        List<String> classes = predictions.predictor(name).metadata().classes();
        return predictions.submitViews(name, prepared.views(), tta, profile).thenApply(answers ->
                ReadingMessage.of(id, name, new LineReader(classes, words).finish(prepared, answers,
                        LineContext.shapesFor(expect)), expect, profile));
    }

    // ---- REST ------------------------------------------------------------------------------

    /** {@code POST /api/read}: the {@code read} message as a body (its {@code type} may be left out). */
    void restRead(Context ctx) throws ProtocolException {
        JsonNode body = RequestBodies.jsonObject(ctx, ServerOptions.MAX_BODY_BYTES);
        if (!body.has("type")) {
            ((ObjectNode) body).put("type", "read");
        }
        if (!(InboundParser.parse(body) instanceof Inbound.Read request)) {
            throw new ProtocolException("wrong_type", "POST /api/read takes a read message");
        }
        profiles.checkExists(request.profile());
        ctx.json(RestEndpoints.await(readStrokes(request)));
    }

    /** {@code POST /read}: {@code {"image": "data:image/png;base64,…", "expect": …}}, model in the query. */
    void pictureRead(Context ctx) throws ProtocolException {
        JsonNode body = RequestBodies.jsonObject(ctx, ServerOptions.MAX_BODY_BYTES);
        InboundParser.only(body, "a picture to read", java.util.Set.of("image", "expect"));
        Expectation expect = InboundParser.expectation(body);
        JsonNode image = body.get("image");
        if (image == null || !image.isTextual()) {
            throw new ProtocolException("missing_image", "the body needs \"image\": a data URL or base64 PNG/JPEG");
        }
        String model = ctx.queryParam("model");
        models.info(model); // an unknown model is refused before any decoding
        LineReader.Prepared prepared = rest.decode(ctx, image.asText(),
                bytes -> LineReader.preparePicture(rest.uploads.picture(bytes)));
        ctx.json(RestEndpoints.await(read(prepared, model, true, expect, null, null)));
    }
}
