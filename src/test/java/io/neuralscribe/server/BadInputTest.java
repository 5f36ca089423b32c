package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.inference.TestDrawings.PixelGlyph;
import io.neuralscribe.inference.TestImages;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind, over the WebSocket and REST: each gets an {@code error} with a stable
 * code and a message a person can read, and the very next good request on the same connection
 * (or a new request, for REST) is answered as usual.
 */
class BadInputTest {
    @TempDir
    static Path folder;

    private static TestServer server;
    private static final float[] DRAWING = PixelGlyph.H.canvas(4, 4, 1);
    private static final String GOOD_PNG = png(PixelGlyph.J.picture(60, 60, 5, 5, 4, Color.BLACK, Color.WHITE,
            BufferedImage.TYPE_INT_RGB));

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.in(folder).start();
    }

    @AfterAll
    static void stop() {
        if (shared != null) {
            shared.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** One connection for the whole table: every bad message must leave it working for the next. */
    private static WsClient shared;

    private static WsClient client() throws Exception {
        if (shared == null || shared.closed.isDone()) {
            shared = server.connect();
        }
        return shared;
    }

    // ---- the table ---------------------------------------------------------------------------

    private static String pixels(int count, String value) {
        return "[" + String.join(",", Collections.nCopies(count, value)) + "]";
    }

    /** 784 zeros with {@code value} at index 100. */
    private static String pixelsWith(String value) {
        List<String> values = new ArrayList<>(Collections.nCopies(784, "0"));
        values.set(100, value);
        return "[" + String.join(",", values) + "]";
    }

    private static String predict(String pixels) {
        return "{\"type\":\"predict\",\"id\":\"bad\",\"pixels\":" + pixels + "}";
    }

    /** name, text sent, expected code, expected echoed id (null when the message could not say). */
    static Stream<Arguments> webSocketCases() {
        String good = pixels(784, "0");
        return Stream.of(
                Arguments.of("malformed JSON", "{\"type\":\"predict\",", "bad_json", null),
                Arguments.of("not JSON at all", "draw me a sheep", "bad_json", null),
                Arguments.of("NaN in pixels", predict(pixelsWith("NaN")), "bad_json", null),
                Arguments.of("Infinity in pixels", predict(pixelsWith("Infinity")), "bad_json", null),
                Arguments.of("duplicate key", "{\"type\":\"ping\",\"type\":\"ping\"}", "bad_json", null),
                Arguments.of("trailing garbage", "{\"type\":\"ping\"} {\"type\":\"ping\"}", "bad_json", null),
                Arguments.of("nesting 5000 deep", "[".repeat(5000) + "]".repeat(5000), "bad_json", null),
                Arguments.of("a 2000-digit number", predict(pixelsWith("1".repeat(2000))), "bad_json", null),
                Arguments.of("an array, not an object", "[1,2,3]", "bad_message", null),
                Arguments.of("a string, not an object", "\"predict\"", "bad_message", null),
                Arguments.of("null", "null", "bad_message", null),
                Arguments.of("missing type", "{\"pixels\":" + good + "}", "missing_type", null),
                Arguments.of("type not a string", "{\"type\":5}", "missing_type", null),
                Arguments.of("unknown type", "{\"type\":\"draw\",\"id\":\"bad\"}", "unknown_type", "bad"),
                Arguments.of("drawing missing", "{\"type\":\"predict\",\"id\":\"bad\"}", "missing_drawing", "bad"),
                Arguments.of("pixels null", predict("null"), "missing_drawing", "bad"),
                Arguments.of("0 pixels", predict("[]"), "bad_pixel_count", "bad"),
                Arguments.of("783 pixels", predict(pixels(783, "0")), "bad_pixel_count", "bad"),
                Arguments.of("785 pixels", predict(pixels(785, "0")), "bad_pixel_count", "bad"),
                Arguments.of("pixel 1e999 (infinite)", predict(pixelsWith("1e999")), "bad_pixel_value", "bad"),
                Arguments.of("pixel -1", predict(pixelsWith("-1")), "bad_pixel_value", "bad"),
                Arguments.of("pixel 256", predict(pixelsWith("256")), "bad_pixel_value", "bad"),
                Arguments.of("pixel 255.5", predict(pixelsWith("255.5")), "bad_pixel_value", "bad"),
                Arguments.of("pixel a string", predict(pixelsWith("\"12\"")), "bad_pixel_value", "bad"),
                Arguments.of("pixel null", predict(pixelsWith("null")), "bad_pixel_value", "bad"),
                Arguments.of("pixel true", predict(pixelsWith("true")), "bad_pixel_value", "bad"),
                Arguments.of("pixel an array", predict(pixelsWith("[1]")), "bad_pixel_value", "bad"),
                Arguments.of("pixels a string", predict("\"0,0,0\""), "bad_pixels", "bad"),
                Arguments.of("pixels an object", predict("{\"0\":1}"), "bad_pixels", "bad"),
                Arguments.of("unknown field", "{\"type\":\"predict\",\"id\":\"bad\",\"colour\":\"red\",\"pixels\":"
                        + good + "}", "unknown_field", "bad"),
                Arguments.of("unknown field in ping", "{\"type\":\"ping\",\"id\":\"bad\",\"extra\":1}", "unknown_field",
                        "bad"),
                Arguments.of("unknown field in cancel", "{\"type\":\"cancel_training\",\"id\":\"bad\",\"force\":true}",
                        "unknown_field", "bad"),
                Arguments.of("id an object", "{\"type\":\"ping\",\"id\":{}}", "bad_id", null),
                Arguments.of("id 65 characters", "{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}", "bad_id", null),
                Arguments.of("id a fraction", "{\"type\":\"ping\",\"id\":1.5}", "bad_id", null),
                Arguments.of("tta not a boolean", "{\"type\":\"predict\",\"id\":\"bad\",\"tta\":\"yes\",\"pixels\":"
                        + good + "}", "bad_tta", "bad"),
                Arguments.of("model not a string", "{\"type\":\"predict\",\"id\":\"bad\",\"model\":42,\"pixels\":"
                        + good + "}", "bad_model", "bad"),
                Arguments.of("model empty", "{\"type\":\"predict\",\"id\":\"bad\",\"model\":\"\",\"pixels\":"
                        + good + "}", "bad_model", "bad"),
                Arguments.of("unknown model", "{\"type\":\"predict\",\"id\":\"bad\",\"model\":\"byclass\",\"pixels\":"
                        + good + "}", "unknown_model", "bad"),
                Arguments.of("epochs 0", "{\"type\":\"train\",\"id\":\"bad\",\"epochs\":0}", "bad_epochs", "bad"),
                Arguments.of("epochs 101", "{\"type\":\"train\",\"id\":\"bad\",\"epochs\":101}", "bad_epochs", "bad"),
                Arguments.of("epochs 2.5", "{\"type\":\"train\",\"id\":\"bad\",\"epochs\":2.5}", "bad_epochs", "bad"),
                Arguments.of("epochs \"ten\"", "{\"type\":\"train\",\"id\":\"bad\",\"epochs\":\"ten\"}", "bad_epochs",
                        "bad"),
                Arguments.of("epochs huge", "{\"type\":\"train\",\"id\":\"bad\",\"epochs\":99999999999}", "bad_epochs",
                        "bad"),
                Arguments.of("epochs missing", "{\"type\":\"train\",\"id\":\"bad\"}", "missing_epochs", "bad"),
                Arguments.of("train an unknown model", "{\"type\":\"train\",\"id\":\"bad\",\"epochs\":1,"
                        + "\"model\":\"letters\"}", "unknown_model", "bad"),
                Arguments.of("reset an unknown model", "{\"type\":\"reset_model\",\"id\":\"bad\",\"model\":\"letters\"}",
                        "unknown_model", "bad"),
                Arguments.of("token not a string", "{\"type\":\"shutdown\",\"id\":\"bad\",\"token\":5}",
                        "bad_admin_token", "bad"),
                Arguments.of("cancel when idle", "{\"type\":\"cancel_training\",\"id\":\"bad\"}", "no_training", "bad"),
                Arguments.of("oversized message (> 64 KiB)", "{\"type\":\"ping\",\"id\":\"bad\",\"pad\":\""
                        + "x".repeat(70_000) + "\"}", "message_too_large", null));
    }

    @ParameterizedTest(name = "[{index}] WebSocket: {0} → {2}")
    @MethodSource("webSocketCases")
    void aBadMessageGetsAClearErrorAndTheConnectionGoesOn(String name, String text, String code, String id)
            throws Exception {
        WsClient client = client();
        client.send(text);
        JsonNode error = client.expectReply("error");
        assertError(error, code, name);
        if (id != null) {
            assertEquals(id, error.path("id").asText(), "the error names the request it answers");
        }
        assertStillServes(client);
    }

    @Test
    void aBinaryFrameIsRefusedAndTheConnectionGoesOn() throws Exception {
        WsClient client = client();
        client.sendBinary(new byte[] {1, 2, 3, 4});
        assertError(client.expectReply("error"), "binary_not_supported", "binary frame");
        assertStillServes(client);
    }

    @Test
    void aSecondTrainingIsRefusedWhileOneRuns() throws Exception {
        try (WsClient client = server.connect()) {
            client.send("{\"type\":\"train\",\"epochs\":100,\"id\":\"first\"}");
            client.send("{\"type\":\"train\",\"epochs\":1,\"id\":\"second\"}");
            JsonNode error = client.await("error");
            assertError(error, "training_in_progress", "train while training");
            assertEquals("second", error.path("id").asText());
            // A reset is refused too while the training runs.
            client.send("{\"type\":\"reset_model\",\"id\":\"reset\"}");
            assertError(client.await("error"), "training_in_progress", "reset while training");
            assertStillServes(client);
            client.send("{\"type\":\"cancel_training\"}");
            client.await("training_cancelled");
            client.send("{\"type\":\"cancel_training\",\"id\":\"again\"}");
            assertError(client.await("error"), "no_training", "cancel after cancel");
            assertStillServes(client);
        }
    }

    /**
     * Beyond the 1 MiB frame limit the WebSocket layer itself closes the connection (1009, message
     * too big) instead of reading it all: the server stays up for everyone else.
     */
    @Test
    void aHugeFrameClosesOnlyItsOwnConnection() throws Exception {
        try (WsClient bystander = server.connect(); WsClient client = server.connect()) {
            try {
                client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(ServerOptions.MAX_FRAME_BYTES + 10) + "\"}");
            } catch (Exception e) {
                // the server may close before the whole frame is written
            }
            assertEquals(1009, client.closed.get(WsClient.WAIT_SECONDS, TimeUnit.SECONDS));
            assertStillServes(bystander);
        }
        try (WsClient fresh = server.connect()) {
            assertStillServes(fresh);
        }
    }

    private static void assertError(JsonNode error, String code, String what) {
        assertEquals("error", error.path("type").asText());
        assertEquals(code, error.path("code").asText(), what + ": " + error);
        String message = error.path("message").asText();
        assertTrue(message.length() >= 10 && !message.equals("null"), what + ": no human message in " + error);
    }

    private static void assertStillServes(WsClient client) throws Exception {
        client.send(TestServer.predict("after", DRAWING).put("tta", false));
        JsonNode answer = client.expectReply("prediction");
        assertEquals("after", answer.path("id").asText());
        assertEquals(47, answer.path("probabilities").size());
    }

    // ---- REST ----------------------------------------------------------------------------------

    private static String png(BufferedImage image) {
        return Base64.getEncoder().encodeToString(TestImages.encode(image, "png"));
    }

    private static String json(Object value) {
        try {
            return WsClient.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ink(String image) {
        return json(Map.of("image", image));
    }

    /** name, path, content type, body, expected status, expected code. */
    static Stream<Arguments> restCases() {
        String glyph = GOOD_PNG;
        BufferedImage small = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        String gif = Base64.getEncoder().encodeToString(TestImages.encode(small, "gif"));
        String wide = Base64.getEncoder().encodeToString(
                TestImages.encode(new BufferedImage(3000, 10, BufferedImage.TYPE_BYTE_GRAY), "png"));
        String headerOnly = Base64.getEncoder().encodeToString(TestImages.pngHeaderOnly(5000, 5000));
        byte[] cut = TestImages.truncatedAfterHeader(TestImages.encode(
                PixelGlyph.J.picture(60, 60, 5, 5, 4, Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB), "png"));
        String text = Base64.getEncoder().encodeToString("just some words".getBytes(StandardCharsets.UTF_8));
        String goodPixels = "[" + IntStream.range(0, 784).mapToObj(i -> "0").collect(Collectors.joining(",")) + "]";
        String json = "application/json";
        return Stream.of(
                Arguments.of("predict as text/plain", "/api/predict", "text/plain", "{}", 415, "unsupported_media_type"),
                Arguments.of("predict without a content type", "/api/predict", null, "{}", 415, "unsupported_media_type"),
                Arguments.of("predict malformed JSON", "/api/predict", json, "{\"pixels\":", 400, "bad_json"),
                Arguments.of("predict an empty body", "/api/predict", json, "", 400, "bad_message"),
                Arguments.of("predict an array body", "/api/predict", json, "[]", 400, "bad_message"),
                Arguments.of("predict 783 pixels", "/api/predict", json,
                        "{\"pixels\":" + pixels(783, "0") + "}", 400, "bad_pixel_count"),
                Arguments.of("predict pixel 256", "/api/predict", json, "{\"pixels\":" + pixelsWith("256") + "}", 400,
                        "bad_pixel_value"),
                Arguments.of("predict a ping", "/api/predict", json, "{\"type\":\"ping\"}", 400, "wrong_type"),
                Arguments.of("predict an unknown field", "/api/predict", json,
                        "{\"pixels\":" + goodPixels + ",\"x\":1}", 400, "unknown_field"),
                Arguments.of("predict an unknown model", "/api/predict", json,
                        "{\"pixels\":" + goodPixels + ",\"model\":\"letters\"}", 404, "unknown_model"),
                Arguments.of("ink as text/plain", "/predict", "text/plain", ink(glyph), 415, "unsupported_media_type"),
                Arguments.of("ink malformed JSON", "/predict", json, "{\"image\":", 400, "bad_json"),
                Arguments.of("ink without image", "/predict", json, "{}", 400, "missing_image"),
                Arguments.of("ink image not a string", "/predict", json, "{\"image\":42}", 400, "missing_image"),
                Arguments.of("ink bad base64", "/predict", json, ink("@@@@ not base64 @@@@"), 400, "bad_base64"),
                Arguments.of("ink bad base64 in a data URL", "/predict", json, ink("data:image/png;base64,%%%%"), 400,
                        "bad_base64"),
                Arguments.of("ink base64 of text", "/predict", json, ink(text), 400, "not_an_image"),
                Arguments.of("ink a GIF data URL", "/predict", json, ink("data:image/gif;base64," + gif), 400,
                        "unsupported_image"),
                Arguments.of("ink a GIF called PNG", "/predict", json, ink("data:image/png;base64," + gif), 400,
                        "unsupported_image"),
                Arguments.of("ink a data URL without base64", "/predict", json, ink("data:image/png,abc"), 400,
                        "bad_data_url"),
                Arguments.of("ink a 3000×10 PNG", "/predict", json, ink("data:image/png;base64," + wide), 413,
                        "image_too_large"),
                Arguments.of("ink a header saying 5000×5000", "/predict", json, ink(headerOnly), 413,
                        "image_too_large"),
                Arguments.of("ink an empty image", "/predict", json, ink(""), 400, "empty_image"),
                Arguments.of("ink an empty data URL", "/predict", json, ink("data:image/png;base64,"), 400,
                        "empty_image"),
                Arguments.of("ink a cut-off PNG", "/predict", json,
                        ink(Base64.getEncoder().encodeToString(cut)), 400, "bad_image"),
                Arguments.of("ink an unknown model", "/predict?model=letters", json, ink(glyph), 404, "unknown_model"));
    }

    @ParameterizedTest(name = "[{index}] REST: {0} → {4} {5}")
    @MethodSource("restCases")
    void aBadRequestGetsAClearErrorAndTheNextRequestWorks(String name, String path, String contentType, String body,
            int status, String code) throws Exception {
        HttpResponse<String> response = server.post(path, contentType, body);
        assertEquals(status, response.statusCode(), name + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                name + ": the error is JSON");
        assertError(TestServer.json(response), code, name);

        if (path.startsWith("/api/")) {
            HttpResponse<String> next = server.post("/api/predict", "application/json",
                    json(Map.of("pixels", toInts(DRAWING), "id", "next", "tta", false)));
            assertEquals(200, next.statusCode(), next.body());
            assertEquals("next", TestServer.json(next).path("id").asText());
        } else {
            HttpResponse<String> next = server.post("/predict", "application/json", ink(GOOD_PNG));
            assertEquals(200, next.statusCode(), next.body());
            assertEquals(3, TestServer.json(next).path("predictions").size());
        }
    }

    private static int[] toInts(float[] pixels) {
        int[] ints = new int[pixels.length];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = Math.round(pixels[i]);
        }
        return ints;
    }

    @Test
    void theTablesAreLargeEnough() {
        assertTrue(webSocketCases().count() + restCases().count() >= 30);
        assertNotNull(server);
        assertFalse(server.server.adminToken() != null, "loopback: no token");
    }
}
