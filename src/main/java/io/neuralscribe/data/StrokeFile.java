package io.neuralscribe.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neuralscribe.raster.Stroke;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pen-stroke character files: JSON lines of {@code {label, bymerge, writer, category,
 * strokes: [[[x, y], …], …], y_up, y_scale}} (the UNIPEN dev files' format).
 *
 * <p>This is the one place where stroke data is brought to the canvas convention: y is flipped when
 * the file says {@code y_up} (tablets count y upward) and multiplied by {@code y_scale} (tablets
 * whose units are not square). Everything after this sees y down and square units; the renderer
 * scales each sample to its own size, so raw units do not matter.
 */
public final class StrokeFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StrokeFile() {}

    /** Every sample of the file, in file order. */
    public static List<StrokeSample> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.io.FileNotFoundException(file + ": no such file");
        }
        List<StrokeSample> samples = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    samples.add(parse(file, number, line));
                }
            }
        }
        if (samples.isEmpty()) {
            throw new DataFileException(file, "no samples");
        }
        return samples;
    }

    static StrokeSample parse(Path file, int number, String line) throws DataFileException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new DataFileException(file, "line " + number + " is not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new DataFileException(file, "line " + number + " is not a JSON object");
        }
        String label = text(file, number, node, "label");
        String bymerge = node.hasNonNull("bymerge") ? text(file, number, node, "bymerge") : label;
        String writer = node.hasNonNull("writer") ? text(file, number, node, "writer") : "unknown";
        String category = node.hasNonNull("category") ? text(file, number, node, "category") : "";
        boolean yUp = node.path("y_up").asBoolean(false);
        double yScale = node.path("y_scale").asDouble(1.0);
        if (!(yScale > 0) || Double.isInfinite(yScale)) {
            throw new DataFileException(file, "line " + number + ": y_scale must be a positive number");
        }
        JsonNode strokes = node.get("strokes");
        if (strokes == null || !strokes.isArray() || strokes.isEmpty()) {
            throw new DataFileException(file, "line " + number + ": \"strokes\" must be a non-empty list of strokes");
        }
        List<Stroke> parsed = new ArrayList<>(strokes.size());
        double flip = yUp ? -yScale : yScale;
        for (JsonNode stroke : strokes) {
            if (!stroke.isArray() || stroke.isEmpty()) {
                throw new DataFileException(file, "line " + number + ": a stroke must be a non-empty list of [x, y] points");
            }
            double[] x = new double[stroke.size()];
            double[] y = new double[stroke.size()];
            for (int i = 0; i < stroke.size(); i++) {
                JsonNode point = stroke.get(i);
                if (!point.isArray() || point.size() < 2 || !point.get(0).isNumber() || !point.get(1).isNumber()
                        || !Double.isFinite(point.get(0).asDouble()) || !Double.isFinite(point.get(1).asDouble())) {
                    throw new DataFileException(file, "line " + number + ": a point must be [x, y] with finite numbers");
                }
                x[i] = point.get(0).asDouble();
                y[i] = point.get(1).asDouble() * flip;
            }
            parsed.add(new Stroke(x, y, null));
        }
        return new StrokeSample(label, bymerge, writer, category, List.copyOf(parsed));
    }

    private static String text(Path file, int number, JsonNode node, String field) throws DataFileException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new DataFileException(file, "line " + number + ": \"" + field + "\" must be a non-empty string");
        }
        return value.asText();
    }
}
