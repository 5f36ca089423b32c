package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * The edge for the messages around a training's candidate and its plan: {@link InboundParser}
 * hands them here, and they leave valid or not at all. The same rules serve the REST endpoints.
 */
final class TrainingMessages {
    /** The most test images a final evaluation may be limited to; more is simply "all". */
    static final int MAX_EVAL_LIMIT = 10_000_000;

    private TrainingMessages() {}

    static Inbound parse(String type, Object id, JsonNode root) throws ProtocolException {
        return switch (type) {
            case "plan_training" -> {
                InboundParser.only(root, type, Set.of("type", "id", "epochs", "model", "eval_limit", "token"));
                yield new Inbound.PlanTraining(id, InboundParser.epochs(root.get("epochs")),
                        InboundParser.name(root, "model"), evalLimit(root), InboundParser.token(root));
            }
            case "keep_model" -> {
                InboundParser.only(root, type, Set.of("type", "id", "model", "keep", "token"));
                yield new Inbound.KeepModel(id, InboundParser.name(root, "model"), keepsCandidate(root),
                        InboundParser.token(root));
            }
            default -> {
                InboundParser.only(root, type, Set.of("type", "id", "model", "token"));
                yield new Inbound.DiscardModel(id, InboundParser.name(root, "model"), InboundParser.token(root));
            }
        };
    }

    /** {@code eval_limit}: test images of the final evaluation, 0 or absent = all. */
    static int evalLimit(JsonNode root) throws ProtocolException {
        JsonNode node = root.get("eval_limit");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0 || node.asInt() > MAX_EVAL_LIMIT) {
            throw new ProtocolException("bad_eval_limit", "\"eval_limit\" must be a whole number of test images from 0 "
                    + "(all) to " + MAX_EVAL_LIMIT);
        }
        return node.asInt();
    }

    /** {@code keep}: {@code "candidate"} or {@code "current"}. */
    static boolean keepsCandidate(JsonNode root) throws ProtocolException {
        JsonNode node = root.get("keep");
        if (node != null && node.isTextual() && (node.asText().equals("candidate") || node.asText().equals("current"))) {
            return node.asText().equals("candidate");
        }
        throw new ProtocolException("bad_keep", "\"keep\" must be \"candidate\" or \"current\"");
    }
}
