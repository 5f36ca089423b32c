package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neuralscribe.inference.Prediction;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.raster.Preprocessing;
import io.neuralscribe.inference.TestDrawings;
import io.neuralscribe.inference.TestDrawings.PixelGlyph;
import io.neuralscribe.inference.TestImages;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Every message of docs/PROTOCOL.md, over a real WebSocket, against a running server. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSocketProtocolTest {
    @TempDir
    static Path folder;

    private static TestServer server;
    private static final float[] FOUR = PixelGlyph.FOUR.canvas(5, 3, 1);

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

    /** What the shipped model file says of {@code canvas}, computed here without the server. */
    private static Prediction direct(float[] canvas, boolean tta) throws Exception {
        try (LoadedModel model = ModelFile.load(server.modelFile)) {
            return new Predictor("bymerge", model).predict(List.of(Preprocessing.fromCanvas(canvas)), tta).get(0);
        }
    }

    private static void assertModelDescription(JsonNode model, boolean shipped) {
        assertEquals("bymerge", model.path("name").asText());
        assertEquals("compact", model.path("architecture").asText());
        assertEquals("bymerge", model.path("split").asText());
        assertEquals(47, model.path("classes").size());
        assertTrue(model.has("trained_on") && model.has("accuracy") && model.has("evaluated_on"), model.toString());
        assertEquals(shipped, model.path("shipped").asBoolean(!shipped), model.toString());
    }

    @Test
    @Order(1)
    void everyConnectionStartsWithInit() throws Exception {
        try (WsClient client = WsClient.connect(server.port())) {
            JsonNode init = client.next();
            assertEquals("init", init.path("type").asText(), "the first message is init");
            assertTrue(init.path("model_loaded").asBoolean());
            assertEquals("cpu", init.path("device").asText());
            assertModelDescription(init.path("model"), true);
            assertEquals(1, init.path("models").size());
            assertModelDescription(init.path("models").get(0), true);
            List<String> classes = new ArrayList<>();
            init.path("classes").forEach(c -> classes.add(c.asText()));
            assertEquals(TestModels.BYMERGE_CLASSES, classes);
            assertTrue(init.path("history").isArray());
            assertTrue(init.has("training") && init.path("training").isNull(), "no training is running");
            assertFalse(init.path("admin_required").asBoolean(true), "loopback: no admin token needed");
            assertEquals(null, client.poll(200), "init comes alone");
        }
        // GET /api/status says what init says; /api/health is ok.
        JsonNode status = TestServer.json(server.get("/api/status"));
        assertEquals("init", status.path("type").asText());
        assertModelDescription(status.path("model"), true);
        HttpResponse<String> health = server.get("/api/health");
        assertEquals(200, health.statusCode());
        assertEquals("ok", TestServer.json(health).path("status").asText());
    }

    @Test
    @Order(2)
    void predictAnswersWithAFullPrediction() throws Exception {
        Prediction expected = direct(FOUR, true);
        try (WsClient client = server.connect()) {
            client.send(TestServer.predict("draw-1", FOUR));
            JsonNode p = client.expect("prediction");
            assertEquals("draw-1", p.path("id").asText());
            assertEquals("bymerge", p.path("model").asText());
            assertFalse(p.path("empty").asBoolean(true));
            float[] probabilities = TestServer.floats(p.path("probabilities"));
            assertEquals(47, probabilities.length);
            double sum = 0;
            for (float q : probabilities) {
                assertTrue(q >= 0 && q <= 1);
                sum += q;
            }
            assertEquals(1.0, sum, 1e-4);
            assertArrayEquals(expected.probabilities(), probabilities, 1e-5f, "the server reads as the model does");
            assertEquals(expected.label(), p.path("label").asText());
            assertEquals(expected.confidence(), p.path("confidence").asDouble(), 1e-6);
            JsonNode top3 = p.path("top3");
            assertEquals(3, top3.size());
            assertEquals(p.path("label").asText(), top3.get(0).path("label").asText());
            for (int i = 1; i < 3; i++) {
                assertTrue(top3.get(i - 1).path("confidence").asDouble() >= top3.get(i).path("confidence").asDouble(),
                        "top3 sorted: " + top3);
            }
            assertTrue(p.path("inference_ms").asDouble() > 0);
            JsonNode preview = p.path("preview");
            assertEquals(784, preview.size());
            for (JsonNode v : preview) {
                assertTrue(v.isInt() && v.asInt() >= 0 && v.asInt() <= 255, "preview value " + v);
            }
            assertArrayEquals(expected.preview(), WsClient.JSON.treeToValue(preview, int[].class));
            JsonNode activations = p.path("activations");
            assertEquals(List.of("conv1", "conv2", "dense1", "dense2"), fieldNames(activations));
            for (JsonNode layer : activations) {
                assertEquals(32, layer.size());
                for (JsonNode a : layer) {
                    assertTrue(a.asDouble() >= 0 && a.asDouble() <= 1, "activation " + a);
                }
            }
            List<String> layers = new ArrayList<>();
            p.path("layers").forEach(l -> layers.add(l.asText()));
            assertEquals(Architecture.COMPACT.layerNames(), layers);

            // A numeric id comes back as that number; tta false is the original drawing alone.
            ObjectNode plain = TestServer.predict(42, FOUR).put("tta", false);
            client.send(plain);
            JsonNode q = client.expect("prediction");
            assertTrue(q.path("id").isIntegralNumber());
            assertEquals(42, q.path("id").asInt());
            assertArrayEquals(direct(FOUR, false).probabilities(), TestServer.floats(q.path("probabilities")), 1e-5f);
            // Without an id the answer has a null id.
            ObjectNode noId = TestServer.predict(null, FOUR).put("model", "bymerge");
            client.send(noId);
            JsonNode r = client.expect("prediction");
            assertTrue(r.path("id").isNull() || r.path("id").isMissingNode());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @Order(3)
    void anEmptyDrawingSaysNothingDrawnAndGuessesNothing() throws Exception {
        try (WsClient client = server.connect()) {
            client.send(TestServer.predict("blank", new float[784]));
            JsonNode p = client.expect("prediction");
            assertEquals("blank", p.path("id").asText());
            assertTrue(p.path("empty").asBoolean());
            assertEquals("nothing drawn", p.path("message").asText());
            assertTrue(p.path("label").isNull() || p.path("label").isMissingNode(), "no label: " + p.path("label"));
            assertTrue(p.path("confidence").isNull() || p.path("confidence").isMissingNode());
            assertEquals(0, p.path("probabilities").size());
            assertEquals(0, p.path("top3").size());
            // A drawing fainter than the ink threshold is nothing too.
            float[] faint = new float[784];
            java.util.Arrays.fill(faint, 20);
            client.send(TestServer.predict("faint", faint));
            assertTrue(client.expect("prediction").path("empty").asBoolean());
        }
    }

    @Test
    @Order(4)
    void pingIsAnsweredWithPong() throws Exception {
        try (WsClient client = server.connect()) {
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.expect("pong").path("type").asText());
            client.send("{\"type\":\"ping\",\"id\":\"p-7\"}");
            assertEquals("p-7", client.expect("pong").path("id").asText());
        }
    }

    @Test
    @Order(5)
    void floodedPredictionsGetOneAnswerEachAndTheNewestIsAlwaysRun() throws Exception {
        try (WsClient client = server.connect()) {
            int count = 12;
            for (int i = 0; i < count; i++) {
                client.send(TestServer.predict("flood-" + i, TestDrawings.scribble(i)));
            }
            Map<String, String> answers = new HashMap<>();
            while (answers.size() < count) {
                JsonNode m = client.next();
                String id = m.path("id").asText();
                assertTrue(id.startsWith("flood-"), "unexpected " + m);
                String kind = m.path("type").asText().equals("error") ? m.path("code").asText() : m.path("type").asText();
                assertTrue(Set.of("prediction", "superseded").contains(kind), "unexpected answer " + m);
                assertEquals(null, answers.put(id, kind), "two answers for " + id);
            }
            assertEquals("prediction", answers.get("flood-" + (count - 1)), "the newest drawing is always read");
            assertEquals("prediction", answers.get("flood-0"), "the first drawing was already running");
            assertEquals(null, client.poll(300), "nothing more");
        }
    }

    @Test
    @Order(6)
    void restPredictionsWork() throws Exception {
        HttpResponse<String> response = server.postJson("/api/predict", TestServer.predict("rest-1", FOUR).put("tta", false)
                .without("type"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode p = TestServer.json(response);
        assertEquals("prediction", p.path("type").asText());
        assertEquals("rest-1", p.path("id").asText());
        assertArrayEquals(direct(FOUR, false).probabilities(), TestServer.floats(p.path("probabilities")), 1e-5f);

        BufferedImage picture = PixelGlyph.FOUR.picture(120, 120, 10, 10, 8, Color.BLACK, Color.WHITE,
                BufferedImage.TYPE_INT_RGB);
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(TestImages.encode(picture, "png"));
        HttpResponse<String> ink = server.postJson("/predict", Map.of("image", dataUrl));
        assertEquals(200, ink.statusCode(), ink.body());
        JsonNode predictions = TestServer.json(ink).path("predictions");
        assertEquals(3, predictions.size());
        assertEquals(784, TestServer.json(ink).path("preview").size(), "the view the network saw comes back");
        Prediction expected = direct(PixelGlyph.FOUR.canvas(2, 2, 2), true);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.top3().get(i).label(), predictions.get(i).path("label").asText());
            assertEquals(expected.top3().get(i).confidence(), predictions.get(i).path("confidence").asDouble(), 1e-5);
        }
        BufferedImage blank = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        HttpResponse<String> empty = server.postJson("/predict",
                Map.of("image", Base64.getEncoder().encodeToString(TestImages.encode(blank, "png"))));
        assertEquals(200, empty.statusCode(), empty.body());
        assertEquals(0, TestServer.json(empty).path("predictions").size());
        assertTrue(TestServer.json(empty).path("empty").asBoolean());
    }

    @Test
    @Order(10)
    void trainingIsBroadcastToEveryClientAndItsCandidateServesOnceKept() throws Exception {
        try (WsClient first = server.connect(); WsClient second = server.connect()) {
            first.send("{\"type\":\"train\",\"epochs\":1}");
            for (WsClient client : List.of(first, second)) {
                JsonNode complete = client.await("training_complete");
                List<String> types = client.types();
                int started = types.indexOf("training_started");
                int progress = types.indexOf("training_progress");
                int update = types.indexOf("training_update");
                int done = types.indexOf("training_complete");
                assertTrue(started >= 0 && started < progress && progress < update && update < done,
                        "events in order: " + types);
                JsonNode s = client.received.get(started);
                assertEquals(1, s.path("total_epochs").asInt());
                assertEquals("bymerge", s.path("model").asText(), s.toString());
                assertEquals(94, s.path("training_images").asInt());
                for (JsonNode m : List.copyOf(client.received)) {
                    if (m.path("type").asText().equals("training_progress")) {
                        assertEquals(1, m.path("epoch").asInt());
                        assertEquals(1, m.path("total_epochs").asInt());
                        assertTrue(m.path("batch").asInt() >= 1 && m.path("batch").asInt() <= m.path("batches").asInt());
                        assertTrue(Double.isFinite(m.path("loss").asDouble()) && m.path("loss").asDouble() > 0);
                        assertTrue(m.path("eta_seconds").asDouble() >= 0);
                    }
                }
                JsonNode u = client.received.get(update);
                assertEquals(1, u.path("epoch").asInt());
                assertEquals(1, u.path("total_epochs").asInt());
                for (String field : List.of("accuracy", "train_loss", "test_loss", "epoch_seconds", "learning_rate", "eta_seconds")) {
                    assertTrue(u.path(field).isNumber(), field + " in " + u);
                }
                assertTrue(u.path("accuracy").asDouble() >= 0 && u.path("accuracy").asDouble() <= 1);
                assertTrue(u.path("learning_rate").asDouble() > 0);
                assertTrue(u.path("check_images").asInt() > 0, "the epoch's check says how many images it read: " + u);
                assertEquals(u.path("check_images"), complete.path("history").get(0).path("check_images"),
                        "the history record carries the same count");
                assertTrue(complete.path("accuracy").asDouble() >= 0 && complete.path("accuracy").asDouble() <= 1);
                assertEquals(1, complete.path("history").size());
                assertEquals("bymerge", complete.path("model").asText());
                assertModelDescription(complete.path("model_info"), true);
                assertModelDescription(complete.path("candidate").path("model"), false);
            }
            assertFalse(Files.exists(server.trainedFile()), "a candidate does not serve until a person keeps it");
            second.send("{\"type\":\"keep_model\",\"keep\":\"candidate\"}");
            for (WsClient client : List.of(first, second)) {
                assertModelDescription(client.await("model_kept").path("model_info"), false);
            }
            assertTrue(Files.isRegularFile(server.trainedFile()), "the kept model is in the state folder");
            // A client that connects now is told of the trained model.
            try (WsClient third = WsClient.connect(server.port())) {
                JsonNode init = third.expect("init");
                assertModelDescription(init.path("model"), false);
                assertEquals(1, init.path("history").size());
            }

            // reset_model goes back to the shipped model, for everyone.
            second.send("{\"type\":\"reset_model\"}");
            for (WsClient client : List.of(first, second)) {
                JsonNode reset = client.await("model_reset");
                assertEquals("bymerge", reset.path("model").asText());
                assertModelDescription(reset.path("model_info"), true);
            }
            assertFalse(Files.exists(server.trainedFile()));
            first.send(TestServer.predict("after-reset", FOUR));
            assertArrayEquals(direct(FOUR, true).probabilities(),
                    TestServer.floats(first.await("prediction").path("probabilities")), 1e-5f);
        }
    }

    @Test
    @Order(11)
    void cancelTrainingStopsTheRunningTrainingForEveryone() throws Exception {
        try (WsClient first = server.connect(); WsClient second = server.connect()) {
            first.send("{\"type\":\"train\",\"epochs\":100,\"id\":\"t1\"}");
            first.await("training_started");
            second.await("training_started");
            // A page opened meanwhile learns that a training is under way.
            try (WsClient late = WsClient.connect(server.port())) {
                JsonNode training = late.expect("init").path("training");
                assertFalse(training.isNull(), "init.training while training");
                assertEquals(100, training.path("total_epochs").asInt());
                assertEquals("bymerge", training.path("model").asText(), training.toString());
                assertTrue(training.has("epoch"));
            }
            second.send("{\"type\":\"cancel_training\"}");
            for (WsClient client : List.of(first, second)) {
                JsonNode cancelled = client.await("training_cancelled");
                assertFalse(cancelled.path("message").asText().isBlank());
            }
            assertFalse(Files.exists(server.trainedFile()));
            try (WsClient after = WsClient.connect(server.port())) {
                assertTrue(after.expect("init").path("training").isNull());
            }
        }
    }

    @Test
    @Order(12)
    void resetWithNothingTrainedKeepsTheShippedModel() throws Exception {
        try (WsClient client = server.connect()) {
            client.send("{\"type\":\"reset_model\",\"model\":\"bymerge\",\"id\":9}");
            JsonNode reset = client.expect("model_reset");
            assertModelDescription(reset.path("model_info"), true);
            client.send(TestServer.predict("x", FOUR));
            assertArrayEquals(direct(FOUR, true).probabilities(),
                    TestServer.floats(client.expect("prediction").path("probabilities")), 1e-5f);
        }
    }

    @Test
    @Order(20)
    void shutdownAcknowledgesStopsTheServerAndRunsTheCallback(@TempDir Path own) throws Exception {
        TestServer stopping = TestServer.in(own).model(server.modelFile).data(server.dataDirectory).start();
        try (WsClient client = stopping.connect(); WsClient other = stopping.connect()) {
            client.send("{\"type\":\"shutdown\"}");
            client.expect("shutdown_ack");
            other.await("shutdown_ack");
            assertTrue(stopping.shutdown.await(WsClient.WAIT_SECONDS, TimeUnit.SECONDS), "onShutdown ran");
            assertNotNull(client.closed.get(WsClient.WAIT_SECONDS, TimeUnit.SECONDS), "the server closed the connection");
            Set<Boolean> refused = new HashSet<>();
            try {
                WsClient.connect(stopping.port()).close();
                refused.add(false);
            } catch (Exception e) {
                refused.add(true);
            }
            assertEquals(Set.of(true), refused, "the server no longer accepts connections");
        } finally {
            stopping.close();
        }
    }
}
