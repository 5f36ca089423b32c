package io.neuralscribe.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A profile's samples as JSON: the strokes column of the database ({@code [[[x, y, t], …], …]}, t left
 * out when the drawing had no times) and the export file, one sample a line:
 * {@code {"label": "7", "strokes": [...], "created_ms": …}}, or {@code "view": [784 numbers in [0, 1]]}
 * instead of strokes for a sample that came as pixels. An imported line with strokes is rendered
 * again by the one renderer, so an export taken with one version imports the same into the next.
 */
public final class ProfileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProfileJson() {}

    public static String strokes(List<Stroke> strokes) {
        return strokesNode(strokes).toString();
    }

    public static List<Stroke> strokes(String json) {
        try {
            return parseStrokes(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new ProfileException(ProfileException.Reason.INVALID, "strokes are not JSON");
        }
    }

    /** One export line (no newline). */
    public static String exportLine(ProfileSample sample) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("label", sample.label());
        if (sample.strokes() != null) {
            line.set("strokes", strokesNode(sample.strokes()));
        } else {
            ArrayNode view = line.putArray("view");
            for (float v : sample.view()) {
                view.add(v);
            }
        }
        line.put("created_ms", sample.createdMs());
        return line.toString();
    }

    /** A sample read back from an export line; its view is rendered from its strokes when it has them. */
    public record Imported(String label, List<Stroke> strokes, float[] view, long createdMs) {}

    /** @throws ProfileException (INVALID) naming the line when it is not a sample */
    public static Imported importLine(int number, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (IOException e) {
            throw invalid(number, "not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw invalid(number, "not a JSON object");
        }
        JsonNode label = node.get("label");
        if (label == null || !label.isTextual()) {
            throw invalid(number, "\"label\" must be a string");
        }
        long created = node.path("created_ms").asLong(System.currentTimeMillis());
        try {
            ProfileSample.checkLabel(label.asText());
            if (node.has("strokes")) {
                List<Stroke> strokes = parseStrokes(node.get("strokes"));
                return new Imported(label.asText(), strokes, StrokeRenderer.render(strokes), created);
            }
            return new Imported(label.asText(), null, view(node.get("view")), created);
        } catch (ProfileException e) {
            throw invalid(number, e.getMessage());
        }
    }

    private static float[] view(JsonNode view) {
        if (view == null || !view.isArray() || view.size() != Grid.PIXELS) {
            throw new ProfileException(ProfileException.Reason.INVALID,
                    "a sample needs \"strokes\" or a \"view\" of " + Grid.PIXELS + " numbers");
        }
        float[] values = new float[Grid.PIXELS];
        for (int i = 0; i < values.length; i++) {
            double v = view.get(i).asDouble(Double.NaN);
            if (!view.get(i).isNumber() || !(v >= 0 && v <= 1)) {
                throw new ProfileException(ProfileException.Reason.INVALID, "view values must be numbers in [0, 1]");
            }
            values[i] = (float) v;
        }
        return values;
    }

    private static ArrayNode strokesNode(List<Stroke> strokes) {
        ArrayNode all = MAPPER.createArrayNode();
        for (Stroke stroke : strokes) {
            ArrayNode points = all.addArray();
            for (int i = 0; i < stroke.size(); i++) {
                ArrayNode point = points.addArray().add(stroke.x()[i]).add(stroke.y()[i]);
                if (stroke.t() != null) {
                    point.add(stroke.t()[i]);
                }
            }
        }
        return all;
    }

    private static List<Stroke> parseStrokes(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new ProfileException(ProfileException.Reason.INVALID, "\"strokes\" must be a non-empty list");
        }
        List<Stroke> strokes = new ArrayList<>(node.size());
        for (JsonNode stroke : node) {
            if (!stroke.isArray() || stroke.isEmpty()) {
                throw new ProfileException(ProfileException.Reason.INVALID, "a stroke must be a non-empty list of points");
            }
            boolean timed = stroke.get(0).size() == 3;
            double[] x = new double[stroke.size()];
            double[] y = new double[stroke.size()];
            double[] t = timed ? new double[stroke.size()] : null;
            for (int i = 0; i < stroke.size(); i++) {
                JsonNode p = stroke.get(i);
                if (!p.isArray() || p.size() != (timed ? 3 : 2)) {
                    throw new ProfileException(ProfileException.Reason.INVALID,
                            "a point must be [x, y] or [x, y, t], the same in the whole stroke");
                }
                for (int c = 0; c < p.size(); c++) {
                    if (!p.get(c).isNumber() || !Double.isFinite(p.get(c).asDouble())) {
                        throw new ProfileException(ProfileException.Reason.INVALID, "point coordinates must be finite numbers");
                    }
                }
                x[i] = p.get(0).asDouble();
                y[i] = p.get(1).asDouble();
                if (timed) {
                    t[i] = p.get(2).asDouble();
                }
            }
            strokes.add(new Stroke(x, y, t));
        }
        return List.copyOf(strokes);
    }

    private static ProfileException invalid(int number, String problem) {
        return new ProfileException(ProfileException.Reason.INVALID, "line " + number + ": " + problem);
    }
}
