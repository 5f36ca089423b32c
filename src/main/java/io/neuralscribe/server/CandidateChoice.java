package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A person's choice between a training's candidate and the current model, the same over the
 * WebSocket ({@code keep_model}, {@code discard_model}) and REST ({@code POST /api/models/{name}/keep},
 * {@code …/discard}; the admin token was checked before): every page is told the outcome, and the
 * REST answer is the same message.
 */
final class CandidateChoice {
    /** A keep body is {@code {"keep": "candidate"}} and nothing more. */
    private static final long BODY_BYTES = 1024;

    private final ServedModels models;
    private final Consumer<Object> broadcast;

    CandidateChoice(ServedModels models, Consumer<Object> broadcast) {
        this.models = models;
        this.broadcast = broadcast;
    }

    void restKeep(Context ctx) throws ProtocolException, IOException {
        JsonNode body = RequestBodies.jsonObject(ctx, BODY_BYTES);
        InboundParser.only(body, "a keep request", Set.of("keep"));
        ctx.json(keep(ctx.pathParam("name"), TrainingMessages.keepsCandidate(body)));
    }

    void restDiscard(Context ctx) throws ProtocolException, IOException {
        ctx.json(discard(ctx.pathParam("name")));
    }

    /** @param model a model's name, or {@code null} for the default model */
    Outbound.ModelKept keep(String model, boolean candidate) throws ProtocolException, IOException {
        String name = models.info(model).name();
        if (models.candidate(name) == null) {
            throw new ProtocolException("no_candidate", "no trained candidate is waiting for " + name, 409);
        }
        models.keep(name, candidate ? ServedModels.Choice.CANDIDATE : ServedModels.Choice.CURRENT);
        Outbound.ModelKept kept = new Outbound.ModelKept(name, candidate ? "candidate" : "current", models.info(name),
                models.metadata(name).history());
        broadcast.accept(kept);
        return kept;
    }

    Outbound.ModelDiscarded discard(String model) throws ProtocolException, IOException {
        String name = models.info(model).name();
        if (!models.discard(name)) {
            throw new ProtocolException("nothing_set_aside", "no set-aside model of " + name + " to discard", 409);
        }
        Outbound.ModelDiscarded discarded = new Outbound.ModelDiscarded(name, models.info(name));
        broadcast.accept(discarded);
        return discarded;
    }
}
