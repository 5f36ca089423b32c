package io.neuralscribe.server;

import io.neuralscribe.inference.Drawing;
import io.neuralscribe.inference.Expectation;
import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.Grid;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The edge: turns one JSON text into an {@link Inbound} record or a {@link ProtocolException}
 * that says exactly what is wrong. Nothing past this point validates again.
 */
public final class InboundParser {
    public static final int MAX_EPOCHS = 100;
    /** Limits of a stroke drawing: far beyond what a written line needs, far below what costs memory. */
    public static final int MAX_STROKES = 256;
    public static final int MAX_POINTS = 20_000;
    /** Coordinates are canvas pixels: anything beyond this is not a drawing. */
    private static final double MAX_COORDINATE = 1e6;
    private static final int MAX_ID_LENGTH = 64;
    private static final long MAX_SAFE_ID = 1L << 53;
    private static final int MAX_NAME_LENGTH = 64;
    private static final int MAX_TOKEN_LENGTH = 256;

    private InboundParser() {}

    public static Inbound parse(String text) throws ProtocolException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("bad_json", "the message is not valid JSON: " + Json.describe(e)
                    + "; expected one JSON object such as {\"type\": \"ping\"}");
        }
        try {
            return parse(root);
        } catch (ProtocolException e) {
            JsonNode type = root == null ? null : root.get("type");
            JsonNode id = root == null ? null : root.get("id");
            throw e.about(type != null && type.isTextual() ? abbreviate(type.asText()) : null, echoableId(id));
        }
    }

    public static Inbound parse(JsonNode root) throws ProtocolException {
        if (root == null || !root.isObject()) {
            throw new ProtocolException("bad_message", "a message must be a JSON object with a \"type\"");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw new ProtocolException("missing_type", "the message has no \"type\" string");
        }
        Object id = id(root);
        return switch (type.asText()) {
            case "predict" -> {
                only(root, "predict", Set.of("type", "id", "pixels", "strokes", "tta", "model", "expect", "profile"));
                yield new Inbound.Predict(id, drawing(root), bool(root, "tta", true), name(root, "model"),
                        expectation(root), ProfileMessages.optionalProfile(root));
            }
            case "read" -> {
                only(root, "read", Set.of("type", "id", "strokes", "tta", "model", "expect", "profile"));
                if (!root.hasNonNull("strokes")) {
                    throw new ProtocolException("missing_strokes", "\"strokes\" is required: [[[x, y, t], …], …]");
                }
                yield new Inbound.Read(id, strokes(root.get("strokes")), bool(root, "tta", true), name(root, "model"),
                        expectation(root), ProfileMessages.optionalProfile(root));
            }
            case "train" -> {
                only(root, "train", Set.of("type", "id", "epochs", "model", "eval_limit", "token"));
                yield new Inbound.Train(id, epochs(root.get("epochs")), name(root, "model"),
                        TrainingMessages.evalLimit(root), token(root));
            }
            case "cancel_training" -> {
                only(root, "cancel_training", Set.of("type", "id", "token"));
                yield new Inbound.CancelTraining(id, token(root));
            }
            case "reset_model" -> {
                only(root, "reset_model", Set.of("type", "id", "model", "token"));
                yield new Inbound.ResetModel(id, name(root, "model"), token(root));
            }
            case "shutdown" -> {
                only(root, "shutdown", Set.of("type", "id", "token"));
                yield new Inbound.Shutdown(id, token(root));
            }
            case "ping" -> {
                only(root, "ping", Set.of("type", "id"));
                yield new Inbound.Ping(id);
            }
            case "plan_training", "keep_model", "discard_model" -> TrainingMessages.parse(type.asText(), id, root);
            case "create_profile", "add_sample", "export_profile", "delete_profile", "list_profiles" ->
                    ProfileMessages.parse(type.asText(), id, root);
            default -> throw new ProtocolException("unknown_type", "unknown message type \"" + abbreviate(type.asText())
                    + "\"; expected predict, read, train, plan_training, cancel_training, keep_model, discard_model, "
                    + "reset_model, shutdown, ping, create_profile, "
                    + "add_sample, export_profile, delete_profile or list_profiles");
        };
    }

    /** Exactly one of {@code pixels} (784 numbers) and {@code strokes} (pen traces). */
    public static Drawing drawing(JsonNode root) throws ProtocolException {
        JsonNode strokes = root.get("strokes");
        boolean hasStrokes = strokes != null && !strokes.isNull();
        if (hasStrokes && root.hasNonNull("pixels")) {
            throw new ProtocolException("two_drawings", "send either \"strokes\" or \"pixels\", not both");
        }
        return hasStrokes ? new Drawing.Strokes(strokes(strokes)) : new Drawing.Pixels(pixels(root.get("pixels")));
    }

    /**
     * Pen strokes: {@code [[[x, y], …] or [[x, y, t], …], …]} — canvas pixels, y down, {@code t} in ms
     * (optional, for every point of a stroke or none). An empty list is a blank drawing.
     */
    public static List<Stroke> strokes(JsonNode node) throws ProtocolException {
        if (!node.isArray()) {
            throw new ProtocolException("bad_strokes", "\"strokes\" must be a list of strokes, each a list of [x, y, t] points");
        }
        if (node.size() > MAX_STROKES) {
            throw new ProtocolException("too_many_strokes", "at most " + MAX_STROKES + " strokes, not " + node.size());
        }
        List<Stroke> strokes = new ArrayList<>(node.size());
        int points = 0;
        for (int s = 0; s < node.size(); s++) {
            JsonNode stroke = node.get(s);
            if (!stroke.isArray() || stroke.isEmpty()) {
                throw new ProtocolException("bad_strokes", "stroke " + s + " must be a non-empty list of [x, y, t] points");
            }
            points += stroke.size();
            if (points > MAX_POINTS) {
                throw new ProtocolException("too_many_points", "at most " + MAX_POINTS + " points in all");
            }
            boolean timed = stroke.get(0).isArray() && stroke.get(0).size() == 3;
            double[] x = new double[stroke.size()];
            double[] y = new double[stroke.size()];
            double[] t = timed ? new double[stroke.size()] : null;
            for (int i = 0; i < stroke.size(); i++) {
                JsonNode point = stroke.get(i);
                if (!point.isArray() || point.size() != (timed ? 3 : 2)) {
                    throw new ProtocolException("bad_point", "point " + i + " of stroke " + s + " must be [x, y, t]"
                            + " like the stroke's first point, or [x, y] throughout");
                }
                x[i] = coordinate(point.get(0), s, i);
                y[i] = coordinate(point.get(1), s, i);
                if (timed) {
                    t[i] = coordinate(point.get(2), s, i);
                }
            }
            strokes.add(new Stroke(x, y, t));
        }
        return List.copyOf(strokes);
    }

    private static double coordinate(JsonNode value, int stroke, int point) throws ProtocolException {
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || Math.abs(value.asDouble()) > MAX_COORDINATE) {
            throw new ProtocolException("bad_point", "point " + point + " of stroke " + stroke
                    + " has a value that is not a finite number within ±" + (long) MAX_COORDINATE);
        }
        return value.asDouble();
    }

    /** {@code expect}: any (the default), digits, letters, upper or lower. */
    public static Expectation expectation(JsonNode root) throws ProtocolException {
        JsonNode node = root.get("expect");
        if (node == null || node.isNull()) {
            return Expectation.ANY;
        }
        Expectation expect = node.isTextual() ? Expectation.parse(node.asText()) : null;
        if (expect == null) {
            throw new ProtocolException("bad_expect", "\"expect\" must be one of any, digits, letters, upper, lower");
        }
        return expect;
    }

    /** 784 finite numbers in [0, 255]. */
    public static float[] pixels(JsonNode node) throws ProtocolException {
        if (node == null || node.isNull()) {
            throw new ProtocolException("missing_drawing",
                    "a drawing is required: \"strokes\" (pen traces) or \"pixels\" (784 numbers 0–255, row-major)");
        }
        if (!node.isArray()) {
            throw new ProtocolException("bad_pixels", "\"pixels\" must be an array of 784 numbers 0–255");
        }
        if (node.size() != Grid.PIXELS) {
            throw new ProtocolException("bad_pixel_count", "\"pixels\" has " + node.size() + " values; expected 784 (28×28)");
        }
        float[] pixels = new float[Grid.PIXELS];
        for (int i = 0; i < Grid.PIXELS; i++) {
            JsonNode value = node.get(i);
            if (!value.isNumber()) {
                throw new ProtocolException("bad_pixel_value", "pixel " + i + " is not a number");
            }
            double v = value.asDouble();
            if (!Double.isFinite(v) || v < 0 || v > 255) {
                throw new ProtocolException("bad_pixel_value", "pixel " + i + " is " + value.asText()
                        + "; pixels must be between 0 and 255");
            }
            pixels[i] = (float) v;
        }
        return pixels;
    }

    static int epochs(JsonNode node) throws ProtocolException {
        if (node == null || node.isNull()) {
            throw new ProtocolException("missing_epochs", "\"epochs\" is required (1–" + MAX_EPOCHS + ")");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1 || node.asInt() > MAX_EPOCHS) {
            throw new ProtocolException("bad_epochs", "\"epochs\" must be a whole number from 1 to " + MAX_EPOCHS
                    + ", not " + abbreviate(node.toString()));
        }
        return node.asInt();
    }

    private static Object id(JsonNode root) throws ProtocolException {
        JsonNode id = root.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        Object valid = echoableId(id);
        if (valid == null) {
            throw new ProtocolException("bad_id", "\"id\" must be a string of at most " + MAX_ID_LENGTH
                    + " characters or a whole number of at most 2^53 in size");
        }
        return valid;
    }

    /**
     * The id as it can be echoed, or {@code null}. A number must be exact in a JavaScript double
     * (|id| ≤ 2^53): a larger one would come back as another number (or, from a long, as 0).
     */
    private static Object echoableId(JsonNode id) {
        if (id == null) {
            return null;
        }
        if (id.isTextual()) {
            return id.asText().length() <= MAX_ID_LENGTH ? id.asText() : null;
        }
        if (id.isIntegralNumber() && id.canConvertToLong() && Math.abs(id.asLong()) <= MAX_SAFE_ID) {
            return id.asLong();
        }
        return null;
    }

    private static boolean bool(JsonNode root, String field, boolean fallback) throws ProtocolException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new ProtocolException("bad_" + field, "\"" + field + "\" must be true or false");
        }
        return node.asBoolean();
    }

    static String name(JsonNode root, String field) throws ProtocolException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isEmpty() || node.asText().length() > MAX_NAME_LENGTH) {
            throw new ProtocolException("bad_" + field, "\"" + field + "\" must be a model name");
        }
        return node.asText();
    }

    static String token(JsonNode root) throws ProtocolException {
        JsonNode node = root.get("token");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().length() > MAX_TOKEN_LENGTH) {
            throw new ProtocolException("bad_admin_token", "\"token\" must be a string");
        }
        return node.asText();
    }

    static void only(JsonNode root, String type, Set<String> allowed) throws ProtocolException {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ProtocolException("unknown_field", "\"" + abbreviate(name) + "\" is not a field of "
                        + type + "; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
