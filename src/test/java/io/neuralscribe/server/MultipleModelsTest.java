package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.IdxTestFiles;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.ModelFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 47-class ByMerge model beside a 62-class case-sensitive ByClass one: both listed, each
 * reachable by name, Neural Ink's endpoint on the 62-class one by default, and training from the
 * page trains the model that is named, on its own split.
 */
class MultipleModelsTest {
    private static final List<String> BYCLASS_CLASSES = TestModels.BYCLASS_CLASSES;
    private static final float[] FOUR = io.neuralscribe.inference.TestDrawings.PixelGlyph.FOUR.canvas(5, 3, 1);

    @TempDir
    static Path folder;

    private static NeuralScribeServer server;

    @BeforeAll
    static void start() throws Exception {
        Path bymerge = TestModels.randomCompact(folder.resolve("shipped/bymerge-compact" + ModelFile.EXTENSION), 5);
        Path byclass = TestModels.randomCompact(folder.resolve("shipped/byclass-compact" + ModelFile.EXTENSION), 6,
                "byclass", BYCLASS_CLASSES);
        Path mergedData = TestServer.tinyByMerge(folder.resolve("data"));
        Path byclassData = folder.resolve("byclass-data");
        IdxTestFiles.writeSplit(byclassData, EmnistSplit.BYCLASS, BYCLASS_CLASSES, 2 * 62, 62, 9);
        server = NeuralScribeServer.start(new ServerOptions("127.0.0.1", 0, List.of(bymerge, byclass),
                folder.resolve("state"), Set.of(), null, true,
                new TrainingSettings(mergedData, Map.of("byclass", byclassData), 32, 0, 62), () -> { }));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void initAndStatusListBothModelsWithTheirClasses() throws Exception {
        try (WsClient client = WsClient.connect(server.port())) {
            JsonNode init = client.expect("init");
            assertEquals("bymerge", init.path("model").path("name").asText(), "ByMerge stays the default");
            assertEquals(47, init.path("classes").size());
            JsonNode models = init.path("models");
            assertEquals(2, models.size());
            assertEquals("bymerge", models.get(0).path("name").asText());
            assertEquals(47, models.get(0).path("classes").size());
            assertEquals("byclass", models.get(1).path("name").asText());
            assertEquals(BYCLASS_CLASSES.size(), models.get(1).path("classes").size());
        }
        JsonNode status = WsClient.JSON.readTree(get("/api/status").body());
        assertEquals(2, status.path("models").size());
    }

    @Test
    void predictGoesToTheNamedModel() throws Exception {
        try (WsClient client = WsClient.connected(server.port())) {
            client.send(TestServer.predict("a", FOUR));
            JsonNode merged = client.expectReply("prediction");
            assertEquals("bymerge", merged.path("model").asText());
            assertEquals(47, merged.path("probabilities").size());

            client.send(TestServer.predict("b", FOUR).put("model", "byclass"));
            JsonNode cased = client.expectReply("prediction");
            assertEquals("byclass", cased.path("model").asText());
            assertEquals(62, cased.path("probabilities").size());
            assertTrue(BYCLASS_CLASSES.contains(cased.path("label").asText()));

            client.send(TestServer.predict("c", FOUR).put("model", "cursive"));
            JsonNode error = client.expectReply("error");
            assertEquals("unknown_model", error.path("code").asText());
            assertTrue(error.path("message").asText().contains("bymerge, byclass"), error.toString());
        }
        HttpResponse<String> rest = post("/api/predict",
                TestServer.predict("d", FOUR).put("model", "byclass").toString());
        assertEquals(200, rest.statusCode(), rest.body());
        assertEquals(62, WsClient.JSON.readTree(rest.body()).path("probabilities").size());
    }

    @Test
    void neuralInkReadsWithTheCaseSensitiveModelByDefault() throws Exception {
        String image = "{\"image\":\"data:image/png;base64," + Base64.getEncoder().encodeToString(strokePng()) + "\"}";
        JsonNode byDefault = WsClient.JSON.readTree(post("/predict", image).body());
        JsonNode cased = WsClient.JSON.readTree(post("/predict?model=byclass", image).body());
        JsonNode merged = WsClient.JSON.readTree(post("/predict?model=bymerge", image).body());
        assertEquals(3, byDefault.path("predictions").size());
        assertEquals(cased, byDefault, "the default is the 62-class model");
        assertNotEquals(merged, byDefault, "the two models are different networks");
    }

    @Test
    void trainingTrainsTheNamedModelOnItsOwnSplit() throws Exception {
        try (WsClient client = WsClient.connected(server.port())) {
            client.send(Map.of("type", "train", "epochs", 1, "model", "byclass"));
            JsonNode started = client.await("training_started");
            assertEquals("byclass", started.path("model").asText());
            assertEquals(2 * 62, started.path("training_images").asInt(), "the byclass folder's data");
            JsonNode complete = client.await("training_complete");
            assertEquals("byclass", complete.path("model").asText());
            assertEquals(62, complete.path("model_info").path("classes").size());
            assertEquals(62, complete.path("candidate").path("model").path("classes").size());
            client.send(Map.of("type", "keep_model", "model", "byclass", "keep", "candidate"));
            client.await("model_kept");
            assertTrue(folder.resolve("state/models/byclass" + ModelFile.EXTENSION).toFile().isFile());
            assertTrue(!folder.resolve("state/models/bymerge" + ModelFile.EXTENSION).toFile().exists(),
                    "the ByMerge model was not touched");
        }
    }

    private static byte[] strokePng() throws Exception {
        BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 100, 100);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(9, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawOval(25, 20, 50, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return WsClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return WsClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
