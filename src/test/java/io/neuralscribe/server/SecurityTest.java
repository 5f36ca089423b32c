package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.inference.TestDrawings.PixelGlyph;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may use the server: browser origins, and the admin token when it listens beyond loopback. */
class SecurityTest {
    private static final String ALLOWED = "https://notebook.example:8443";
    private static final float[] DRAWING = PixelGlyph.SEVEN.canvas(8, 8, 1);

    @TempDir
    static Path folder;

    /** On loopback: no token, but only the page's own origin (or an allow-listed one). */
    private static TestServer local;
    /** On every interface: admin actions need the token. */
    private static TestServer open;

    @BeforeAll
    static void start() throws Exception {
        local = TestServer.in(folder.resolve("local")).allowedOrigins(Set.of(ALLOWED)).start();
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

    private static int refusedStatus(TestServer server, String origin) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> WsClient.connect(server.port(), Map.of("Origin", origin)).close(),
                "a WebSocket from " + origin + " must be refused");
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        return handshake.getResponse().statusCode();
    }

    private static void assertAccepted(TestServer server, Map<String, String> headers) throws Exception {
        try (WsClient client = WsClient.connect(server.port(), headers)) {
            client.expect("init");
            client.send(TestServer.predict("ok", DRAWING).put("tta", false));
            assertEquals("ok", client.expect("prediction").path("id").asText());
        }
    }

    @Test
    void aWebSocketFromAnotherSiteIsRefused() throws Exception {
        assertEquals(403, refusedStatus(local, "http://evil.example"));
        assertEquals(403, refusedStatus(local, "https://evil.example:" + local.port()));
        assertEquals(403, refusedStatus(local, "null"), "a sandboxed page's opaque origin");
        assertEquals(403, refusedStatus(local, "http://127.0.0.1:" + (local.port() == 65535 ? 1 : local.port() + 1)),
                "another port is another origin");
        assertEquals(403, refusedStatus(local, "file://"));
        assertEquals(403, local.rawUpgrade("127.0.0.1:" + local.port(), "http://evil.example"));
    }

    @Test
    void aSiteRenamedToLoopbackByDnsRebindingIsRefused() throws Exception {
        // The browser thinks it talks to evil.example (which now resolves to 127.0.0.1): Origin and Host agree.
        String host = "evil.example:" + local.port();
        assertEquals(403, local.rawUpgrade(host, "http://" + host));
        HttpResponse<String> shutdown = local.post("/api/shutdown", "application/json", "{}",
                "Origin", "http://evil.example:" + local.port());
        assertEquals(403, shutdown.statusCode());
        // The same check for a real loopback name passes.
        assertEquals(101, local.rawUpgrade("localhost:" + local.port(), "http://localhost:" + local.port()));
        assertEquals(101, local.rawUpgrade("127.0.0.1:" + local.port(), local.origin()));
    }

    @Test
    void theServersOwnPageAnAllowListedOriginAndNonBrowsersAreAccepted() throws Exception {
        assertAccepted(local, Map.of("Origin", local.origin()));
        assertAccepted(local, Map.of("Origin", local.origin() + "/"));
        assertAccepted(local, Map.of());
        assertAccepted(local, Map.of("Origin", ALLOWED));
        assertAccepted(local, Map.of("Origin", "HTTPS://Notebook.Example:8443/"));
        assertEquals(403, refusedStatus(local, "https://notebook.example"), "the allow-listed origin includes its port");
    }

    @Test
    void restRequestsFromAnotherSiteAreRefused() throws Exception {
        String evil = "http://evil.example";
        HttpResponse<String> shutdown = local.post("/api/shutdown", "application/json", "{}", "Origin", evil);
        assertEquals(403, shutdown.statusCode(), shutdown.body());
        assertEquals("forbidden_origin", TestServer.json(shutdown).path("code").asText());
        HttpResponse<String> noBody = local.post("/api/shutdown", null, "", "Origin", evil);
        assertEquals(403, noBody.statusCode());
        HttpResponse<String> predict = local.post("/api/predict", "application/json",
                "{\"pixels\":[" + "0,".repeat(783) + "0]}", "Origin", evil);
        assertEquals(403, predict.statusCode());
        assertEquals("forbidden_origin", TestServer.json(predict).path("code").asText());
        HttpResponse<String> ink = local.post("/predict", "application/json", "{\"image\":\"\"}", "Origin", evil);
        assertEquals(403, ink.statusCode());
        // Nothing stopped, and no CORS header lets another site read an answer.
        assertEquals(1, local.shutdown.getCount());
        HttpResponse<String> health = local.get("/api/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        // From the page's own origin a prediction is fine.
        HttpResponse<String> own = local.post("/api/predict", "application/json",
                "{\"tta\":false,\"pixels\":[" + "0,".repeat(783) + "0]}", "Origin", local.origin());
        assertEquals(200, own.statusCode(), own.body());
    }

    @Test
    void onLoopbackAdminActionsNeedNoToken() throws Exception {
        assertNull(local.server.adminToken());
        try (WsClient client = WsClient.connect(local.port())) {
            assertFalse(client.expect("init").path("admin_required").asBoolean(true));
            client.send("{\"type\":\"cancel_training\"}");
            assertEquals("no_training", client.expect("error").path("code").asText(), "authorized, nothing to cancel");
        }
    }

    @Test
    void beyondLoopbackEveryAdminActionNeedsTheToken() throws Exception {
        String token = open.server.adminToken();
        assertNotNull(token, "a server on 0.0.0.0 makes up a token");
        assertTrue(token.length() >= 24);
        try (WsClient client = WsClient.connect(open.port())) {
            assertTrue(client.expect("init").path("admin_required").asBoolean(), "init.admin_required says so");
            for (String action : new String[] {
                "{\"type\":\"train\",\"epochs\":1%s}", "{\"type\":\"cancel_training\"%s}",
                "{\"type\":\"reset_model\"%s}", "{\"type\":\"shutdown\"%s}"}) {
                client.send(String.format(action, ""));
                JsonNode missing = client.expect("error");
                assertEquals("admin_token_required", missing.path("code").asText(), action);
                assertTrue(missing.path("message").asText().contains("token"));
                client.send(String.format(action, ",\"token\":\"wrong-" + token + "\""));
                assertEquals("bad_admin_token", client.expect("error").path("code").asText(), action);
                client.send(String.format(action, ",\"token\":\"\""));
                assertEquals("admin_token_required", client.expect("error").path("code").asText(), action);
            }
            // Predictions need no token.
            client.send(TestServer.predict("p", DRAWING).put("tta", false));
            assertEquals("p", client.expect("prediction").path("id").asText());

            // With the token, they work.
            String withToken = ",\"token\":\"" + token + "\"";
            client.send("{\"type\":\"cancel_training\"" + withToken + "}");
            assertEquals("no_training", client.expect("error").path("code").asText(), "past the token check");
            client.send("{\"type\":\"reset_model\"" + withToken + "}");
            assertEquals("model_reset", client.expect("model_reset").path("type").asText());
            client.send("{\"type\":\"train\",\"epochs\":50" + withToken + "}");
            client.await("training_started");
            client.send("{\"type\":\"cancel_training\"" + withToken + "}");
            client.await("training_cancelled");
        }
        assertEquals(1, open.shutdown.getCount(), "no shutdown went through without the token");

        // REST shutdown: the token comes in X-Admin-Token or in the body.
        HttpResponse<String> none = open.post("/api/shutdown", null, "");
        assertEquals(401, none.statusCode(), none.body());
        assertEquals("admin_token_required", TestServer.json(none).path("code").asText());
        HttpResponse<String> wrong = open.post("/api/shutdown", null, "", "X-Admin-Token", "nope");
        assertEquals(403, wrong.statusCode());
        assertEquals("bad_admin_token", TestServer.json(wrong).path("code").asText());
        HttpResponse<String> wrongInBody = open.post("/api/shutdown", "application/json", "{\"token\":\"nope\"}");
        assertEquals(403, wrongInBody.statusCode());
        assertEquals(200, open.get("/api/health").statusCode(), "still serving");
        assertEquals(1, open.shutdown.getCount());

        HttpResponse<String> right = open.post("/api/shutdown", "application/json", "{\"token\":\"" + token + "\"}");
        assertEquals(200, right.statusCode(), right.body());
        assertEquals("shutdown_ack", TestServer.json(right).path("type").asText());
        assertTrue(open.shutdown.await(WsClient.WAIT_SECONDS, TimeUnit.SECONDS), "onShutdown ran");
    }
}
