package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neuralscribe.inference.Expectation;
import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stroke form of {@code predict} and the {@code expect} hint, over a real server. */
class StrokePredictionTest {
    @TempDir
    static Path folder;

    private static TestServer server;

    /** A "7" as the page sends it: canvas pixels, y down, times in ms. */
    private static final double[][][] SEVEN = {{{40, 40, 0}, {160, 40, 80}, {150, 60, 95}, {90, 170, 220}}};

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.in(folder).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ObjectNode predict(double[][][] strokes) {
        return TestServer.withStrokes("predict", strokes).put("id", "s");
    }

    @Test
    void strokesAreRenderedByTheServerAndAnsweredLikePixels() throws Exception {
        Prediction expected;
        try (LoadedModel model = ModelFile.load(server.modelFile)) {
            expected = new Predictor("bymerge", model).predict(List.of(StrokeRenderer.render(TestServer.strokes(SEVEN))), true)
                    .get(0);
        }
        try (WsClient client = server.connect()) {
            client.send(predict(SEVEN));
            JsonNode p = client.expectReply("prediction");
            assertEquals("s", p.path("id").asText());
            assertEquals(expected.label(), p.path("label").asText());
            assertEquals(expected.confidence(), p.path("confidence").asDouble(), 1e-4);
            assertEquals("any", p.path("expect").asText());
            int[] preview = new int[784];
            for (int i = 0; i < 784; i++) {
                preview[i] = p.path("preview").get(i).asInt();
            }
            assertArrayEquals(expected.preview(), preview, "the preview is the server's own rendering");
        }
        JsonNode rest = TestServer.json(server.postJson("/api/predict", predict(SEVEN)));
        assertEquals(expected.label(), rest.path("label").asText());
    }

    @Test
    void expectChoosesAmongTheClassesAsked() throws Exception {
        try (WsClient client = server.connect()) {
            for (Expectation e : List.of(Expectation.DIGITS, Expectation.UPPER, Expectation.LOWER)) {
                client.send(predict(SEVEN).put("expect", e.wireName()));
                JsonNode p = client.expectReply("prediction");
                String label = p.path("label").asText();
                boolean[] allowed = e.allowed(io.neuralscribe.inference.TestModels.BYMERGE_CLASSES);
                assertTrue(allowed[io.neuralscribe.inference.TestModels.BYMERGE_CLASSES.indexOf(label)],
                        e + " answered " + label);
                assertEquals(e.wireName(), p.path("expect").asText());
                double sum = 0;
                for (JsonNode v : p.path("probabilities")) {
                    sum += v.asDouble();
                }
                assertEquals(1.0, sum, 1e-3, "renormalized");
            }
        }
    }

    @Test
    void badStrokesGetClearErrors() throws Exception {
        String[][] cases = {
            {"{\"type\":\"predict\",\"strokes\":{}}", "bad_strokes"},
            {"{\"type\":\"predict\",\"strokes\":[[]]}", "bad_strokes"},
            {"{\"type\":\"predict\",\"strokes\":[[[1]]]}", "bad_point"},
            {"{\"type\":\"predict\",\"strokes\":[[[1,2,3],[1,2]]]}", "bad_point"},
            {"{\"type\":\"predict\",\"strokes\":[[[1,\"x\"]]]}", "bad_point"},
            {"{\"type\":\"predict\",\"strokes\":[[[1,1e309]]]}", "bad_point"},
            {"{\"type\":\"predict\",\"strokes\":[[[1,2]]],\"pixels\":[]}", "two_drawings"},
            {"{\"type\":\"predict\",\"strokes\":[[[1,2]]],\"expect\":\"cursive\"}", "bad_expect"},
            {"{\"type\":\"predict\"}", "missing_drawing"},
            {"{\"type\":\"predict\",\"strokes\":[" + "[[1,2]],".repeat(InboundParser.MAX_STROKES) + "[[1,2]]]}",
                "too_many_strokes"},
        };
        try (WsClient client = server.connect()) {
            for (String[] c : cases) {
                client.send(c[0]);
                JsonNode error = client.expectReply("error");
                assertEquals(c[1], error.path("code").asText(), c[0].length() > 80 ? c[1] : c[0]);
            }
            client.send(predict(SEVEN));
            assertFalse(client.expectReply("prediction").path("empty").asBoolean(true), "still serving");
            client.send("{\"type\":\"predict\",\"strokes\":[]}");
            JsonNode nothing = client.expectReply("prediction");
            assertTrue(nothing.path("empty").asBoolean(), "no strokes: nothing drawn");
            assertEquals("nothing drawn", nothing.path("message").asText());
            client.send("{\"type\":\"predict\",\"strokes\":[[[120,80,0],[121,81,16]]]}");
            JsonNode dot = client.expectReply("prediction");
            assertTrue(dot.path("empty").asBoolean(), "a click is not read as a character: " + dot);
            assertEquals("draw a bit more", dot.path("message").asText());
        }
        HttpResponse<String> rest = server.post("/api/predict", "application/json", "{\"strokes\":[[[1]]]}");
        assertEquals(400, rest.statusCode());
        assertEquals("bad_point", TestServer.json(rest).path("code").asText());
    }
}
