package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.inference.TestImages;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attacker on this machine, or a web page in its browser, tried against the server: each
 * case failed before the server was hardened against it.
 */
class AbuseTest {
    @TempDir
    static Path folder;

    private static TestServer local;
    private static TestServer open;

    @BeforeAll
    static void start() throws Exception {
        local = TestServer.in(folder.resolve("local")).start();
        open = TestServer.in(folder.resolve("open")).host("0.0.0.0").model(local.modelFile)
                .data(local.dataDirectory).start();
    }

    @AfterAll
    static void stop() {
        for (TestServer server : new TestServer[] {local, open}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void onlyLiteralLoopbackAddressesCountAsLoopback() {
        for (String name : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"}) {
            assertTrue(AccessPolicy.isLoopback(name), name);
        }
        for (String name : new String[] {"127.0.0.1.rebind.evil.example", "127.evil.example", "localhost.evil.example",
                "127.0.0.256", "127.0.0", "1270.0.0.1", "evil.example", "::2", ""}) {
            assertFalse(AccessPolicy.isLoopback(name), name);
        }
    }

    @Test
    void aPageOnANameThatStartsLikeLoopbackCannotDriveTheServer() throws Exception {
        String host = "127.0.0.1.rebind.evil.example:" + local.port();
        String origin = "http://" + host;
        try (RawClient client = new RawClient(local.port())) {
            assertFalse(client.upgrade(host + "\r\nOrigin: " + origin), "the WebSocket is refused");
        }
        RawClient.Response shutdown = RawClient.request(local.port(), "POST", "/api/shutdown", host, "Origin", origin);
        assertEquals(403, shutdown.status(), shutdown.body());
        RawClient.Response status = RawClient.request(local.port(), "GET", "/api/status", host);
        assertEquals(403, status.status(), "status is not read under a foreign Host: " + status.body());
        assertEquals("forbidden_host", WsClient.JSON.readTree(status.body()).path("code").asText());
        assertEquals(403, RawClient.request(local.port(), "GET", "/", "evil.example").status(), "nor the page");
        // Under its own names it answers, and nothing was shut down.
        assertEquals(200, RawClient.request(local.port(), "GET", "/api/status", "127.0.0.1:" + local.port()).status());
        assertEquals(200, RawClient.request(local.port(), "GET", "/api/status", "localhost:" + local.port()).status());
        assertEquals(1, local.shutdown.getCount());
        // A server that listens beyond loopback is reached under names it cannot know.
        assertEquals(200, RawClient.request(open.port(), "GET", "/api/status", "scribe.lan:" + open.port()).status());
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimitWhileItStreams() throws Exception {
        // 24 MiB without a Content-Length: read whole before, now refused once 8 MiB have come.
        RawClient.Response predict = RawClient.chunked(local.port(), "/api/predict", "127.0.0.1:" + local.port(),
                384, 64 * 1024);
        assertEquals(413, predict.status(), predict.body());
        JsonNode error = WsClient.JSON.readTree(predict.body());
        assertEquals("body_too_large", error.path("code").asText());
        assertTrue(error.path("message").asText().contains(String.valueOf(ServerOptions.MAX_BODY_BYTES)));
        RawClient.Response upload = RawClient.chunked(local.port(), "/predict", "127.0.0.1:" + local.port(),
                384, 64 * 1024);
        assertEquals(413, upload.status(), upload.body());
        // A declared length past the limit is refused as JSON too.
        HttpResponse<String> declared = local.post("/api/predict", "application/json",
                " ".repeat((int) ServerOptions.MAX_BODY_BYTES + 1));
        assertEquals(413, declared.statusCode());
        assertEquals("body_too_large", TestServer.json(declared).path("code").asText());
        assertTrue(declared.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void shutdownChecksTheTokenBeforeReadingABody() throws Exception {
        String host = "127.0.0.1:" + open.port();
        RawClient.Response wrong = RawClient.chunked(open.port(), "/api/shutdown", host, 384, 64 * 1024,
                "X-Admin-Token", "nope");
        assertEquals(403, wrong.status(), wrong.body());
        // No header: the token may come in a small body, and a large one is not read past a few KiB.
        RawClient.Response large = RawClient.chunked(open.port(), "/api/shutdown", host, 384, 64 * 1024);
        assertEquals(413, large.status(), large.body());
        assertEquals(1, open.shutdown.getCount());
    }

    @Test
    void aClientThatNeverReadsIsClosedWithAClearCode() throws Exception {
        int closedBefore = Connection.closedNotReading();
        try (RawClient client = new RawClient(local.port())) {
            client.socket.setSoTimeout(30_000);
            assertTrue(client.upgrade("127.0.0.1:" + local.port()));
            // Replies the client does not read: about 9 MB of pongs, more than the backlog allowed
            // plus what the sockets buffer.
            byte[] ping = RawClient.textFrame("{\"type\":\"ping\",\"id\":\"" + "x".repeat(60) + "\"}");
            byte[] burst = new byte[ping.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
            }
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        client.out.write(burst);
                    }
                } catch (java.io.IOException closed) {
                    // The server gave up on us.
                }
            });
            writer.setDaemon(true);
            writer.start();
            long deadline = System.nanoTime() + WsClient.WAIT_SECONDS * 1_000_000_000L;
            while (Connection.closedNotReading() == closedBefore && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(closedBefore + 1, Connection.closedNotReading(), "the server gives up on the client");
            int pongs = 0;
            RawClient.Frame frame = null;
            boolean reset = false;
            try {
                while ((frame = client.frame()) != null && frame.opcode() != 8) {
                    pongs++;
                }
            } catch (java.net.SocketException connectionReset) {
                // The server closed a socket whose input it had not read (this client never stops
                // writing), so TCP may answer with a reset that discards what was still on its way to
                // us, close frame included. The server's own count above says it gave up on us.
                reset = true;
            }
            if (!reset) {
                assertNotNull(frame, "a close frame comes after " + pongs + " pongs");
                assertEquals(Connection.CLOSE_NOT_READING, frame.closeCode());
                assertTrue(frame.text().contains("not reading"), frame.text());
            }
            assertTrue(pongs < 100_000, pongs + " pongs");
        }
        // Everyone else is served as before.
        try (WsClient other = local.connect()) {
            other.send("{\"type\":\"ping\",\"id\":1}");
            assertEquals(1, other.expect("pong").path("id").asInt());
        }
    }

    @Test
    void picturesDecodeAFewAtATimeAndOthersAreToldToRetry() throws Exception {
        String picture = "data:image/png;base64," + Base64.getEncoder().encodeToString(
                TestImages.encode(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png"));
        String body = WsClient.JSON.writeValueAsString(Map.of("image", picture));
        java.util.concurrent.Semaphore decodes = local.server.uploadDecodes();
        decodes.acquire(RestEndpoints.CONCURRENT_DECODES);
        try {
            HttpResponse<String> busy = local.post("/predict", "application/json", body);
            assertEquals(503, busy.statusCode(), busy.body());
            assertEquals("busy", TestServer.json(busy).path("code").asText());
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
        } finally {
            decodes.release(RestEndpoints.CONCURRENT_DECODES);
        }
        assertEquals(200, local.post("/predict", "application/json", body).statusCode());
    }

    @Test
    void aFourMegapixelPictureIsRefusedBeforeDecoding() throws Exception {
        BufferedImage big = new BufferedImage(2048, 2048, BufferedImage.TYPE_BYTE_GRAY);
        String body = WsClient.JSON.writeValueAsString(Map.of("image",
                Base64.getEncoder().encodeToString(TestImages.encode(big, "png"))));
        HttpResponse<String> response = local.post("/predict", "application/json", body);
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("image_too_large", TestServer.json(response).path("code").asText());
    }

    @Test
    void anAdminTokenGivenAtStartIsNotShownAgain() throws Exception {
        assertTrue(open.server.adminTokenGenerated(), "a made-up token must be shown to whoever started the server");
        try (TestServer given = TestServer.in(folder.resolve("given")).host("0.0.0.0").model(local.modelFile)
                .data(local.dataDirectory).adminToken("given-by-flag").start()) {
            assertFalse(given.server.adminTokenGenerated(), "serve prints only a token it made up");
        }
    }

    @Test
    void bothPredictEndpointsRefuseUnknownFields() throws Exception {
        HttpResponse<String> upload = local.post("/predict", "application/json", "{\"image\":\"\",\"x\":1}");
        assertEquals(400, upload.statusCode());
        assertEquals("unknown_field", TestServer.json(upload).path("code").asText());
    }

    @Test
    void anIdBeyondTwoToThe53IsRefusedNotEchoedAsAnotherNumber() throws Exception {
        try (WsClient client = local.connect()) {
            client.send("{\"type\":\"ping\",\"id\":9007199254740993}");
            JsonNode error = client.expect("error");
            assertEquals("bad_id", error.path("code").asText());
            assertTrue(error.path("id").isNull(), error.toString());
            client.send("{\"type\":\"ping\",\"id\":123456789012345678901234567890}");
            JsonNode huge = client.expect("error");
            assertEquals("bad_id", huge.path("code").asText());
            assertTrue(huge.path("id").isNull(), "not echoed as 0: " + huge);
            client.send("{\"type\":\"ping\",\"id\":9007199254740992}");
            assertEquals(9007199254740992L, client.expect("pong").path("id").asLong());
        }
    }

    @Test
    void jsonErrorsSayWhatWasExpectedNotHowTheParserWorks() throws Exception {
        try (WsClient client = local.connect()) {
            for (String text : new String[] {"invalid", "{\"type\":", "{\"type\":\"ping\"} x", "{\"a\":1,\"a\":2}"}) {
                client.send(text);
                JsonNode error = client.expect("error");
                assertEquals("bad_json", error.path("code").asText());
                String message = error.path("message").asText();
                assertFalse(message.contains("code 105") || message.contains("Feature") || message.contains("Unexpected")
                        || message.contains("[Source"), message);
                assertTrue(message.contains("expected one JSON object"), message);
            }
        }
        HttpResponse<String> rest = local.post("/api/predict", "application/json", "invalid");
        assertFalse(TestServer.json(rest).path("message").asText().contains("code 105"), rest.body());
    }
}
