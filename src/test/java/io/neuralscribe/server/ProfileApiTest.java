package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profiles over the real server: REST and WebSocket, validation, separation, and who may write beyond loopback. */
class ProfileApiTest {
    @TempDir
    static Path folder;
    private static TestServer local;
    /** On every interface: writing to a profile needs its key or the admin token. */
    private static TestServer open;

    /** A "7" as pen strokes, canvas pixels, with times. */
    private static final String SEVEN = "[[[40,40,0],[200,40,80],[110,260,200]],[[80,150,400],[170,150,450]]]";

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

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) WsClient.JSON.readTree(json);
    }

    private static HttpResponse<String> delete(TestServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.origin() + path))
                .timeout(Duration.ofSeconds(WsClient.WAIT_SECONDS)).DELETE();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return WsClient.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode predict(TestServer server, String profile) throws Exception {
        ObjectNode message = body("{\"strokes\":" + SEVEN + "}");
        if (profile != null) {
            message.put("profile", profile);
        }
        HttpResponse<String> response = server.postJson("/api/predict", message);
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response);
    }

    @Test
    void aProfileIsCreatedTaughtExportedAndDeletedOverRest() throws Exception {
        HttpResponse<String> created = local.postJson("/api/profiles", Map.of("name", "ana"));
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(TestServer.json(created).path("key").asText().isEmpty());
        assertEquals("profile_exists", TestServer.json(local.postJson("/api/profiles", Map.of("name", "ana"))).path("code").asText());

        HttpResponse<String> added = local.postJson("/api/profiles/ana/samples", body("{\"strokes\":" + SEVEN + ",\"label\":\"7\"}"));
        assertEquals(201, added.statusCode(), added.body());
        assertEquals(1, TestServer.json(added).path("samples").asInt());

        HttpResponse<String> export = local.get("/api/profiles/ana/export");
        assertEquals(200, export.statusCode());
        assertEquals(1, export.body().lines().count());
        assertEquals("7", WsClient.JSON.readTree(export.body().lines().findFirst().orElseThrow()).path("label").asText());

        assertEquals(200, delete(local, "/api/profiles/ana").statusCode());
        assertEquals(404, local.get("/api/profiles/ana/export").statusCode());
        assertEquals("unknown_profile", TestServer.json(local.get("/api/profiles/ana/export")).path("code").asText());
    }

    @Test
    void aPredictionSaysWhichProfileItUsedAndOtherProfilesAreUntouched() throws Exception {
        local.postJson("/api/profiles", Map.of("name", "teacher"));
        local.postJson("/api/profiles", Map.of("name", "bystander"));
        JsonNode base = predict(local, null);
        assertTrue(base.path("profile").isNull());
        // Teach the runner-up: the profile must pull the same drawing towards it.
        String runnerUp = base.path("top3").get(1).path("label").asText();
        local.postJson("/api/profiles/teacher/samples", body("{\"strokes\":" + SEVEN + ",\"label\":\"" + runnerUp + "\"}"));

        JsonNode taught = predict(local, "teacher");
        assertEquals("teacher", taught.path("profile").asText());
        int c = classIndex(runnerUp);
        assertTrue(taught.path("probabilities").get(c).asDouble() > base.path("probabilities").get(c).asDouble(),
                "the taught class gained");
        JsonNode other = predict(local, "bystander");
        assertEquals("bystander", other.path("profile").asText());
        assertArrayEquals(TestServer.floats(base.path("probabilities")), TestServer.floats(other.path("probabilities")),
                "another profile reads exactly as the model alone");
    }

    private static int classIndex(String label) throws Exception {
        JsonNode classes = TestServer.json(local.get("/api/status")).path("classes");
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).asText().equals(label)) {
                return i;
            }
        }
        throw new AssertionError("no class " + label);
    }

    @Test
    void badProfileRequestsGetClearErrors() throws Exception {
        local.postJson("/api/profiles", Map.of("name", "checked"));
        assertEquals("bad_profile", TestServer.json(local.postJson("/api/profiles", Map.of("name", "a b"))).path("code").asText());
        assertTrue(TestServer.json(local.postJson("/api/profiles", Map.of("name", "a b"))).path("message").asText().contains("\"name\""));
        assertEquals("bad_label", TestServer.json(local.postJson("/api/profiles/checked/samples",
                body("{\"strokes\":" + SEVEN + ",\"label\":\"77\"}"))).path("code").asText());
        assertEquals("missing_label", TestServer.json(local.postJson("/api/profiles/checked/samples",
                body("{\"strokes\":" + SEVEN + "}"))).path("code").asText());
        assertEquals("nothing_drawn", TestServer.json(local.postJson("/api/profiles/checked/samples",
                body("{\"strokes\":[],\"label\":\"7\"}"))).path("code").asText());
        assertEquals("unknown_profile", TestServer.json(local.postJson("/api/profiles/nobody/samples",
                body("{\"strokes\":" + SEVEN + ",\"label\":\"7\"}"))).path("code").asText());
        HttpResponse<String> unknown = local.postJson("/api/predict", body("{\"strokes\":" + SEVEN + ",\"profile\":\"nobody\"}"));
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown_profile", TestServer.json(unknown).path("code").asText());
        assertEquals(0, TestServer.json(local.get("/api/profiles")).path("profiles").findValues("name").stream()
                .filter(n -> n.asText().equals("nobody")).count());
        assertEquals(200, local.get("/api/health").statusCode(), "still serving");
    }

    @Test
    void theWebSocketDoesTheSame() throws Exception {
        try (WsClient ws = local.connect()) {
            ws.send(body("{\"type\":\"create_profile\",\"id\":1,\"profile\":\"wsana\"}"));
            assertFalse(ws.expectReply("profile_created").path("key").asText().isEmpty());
            ws.send(body("{\"type\":\"add_sample\",\"id\":2,\"profile\":\"wsana\",\"label\":\"q\",\"strokes\":" + SEVEN + "}"));
            assertEquals(1, ws.expectReply("sample_added").path("samples").asInt());
            ws.send(body("{\"type\":\"predict\",\"id\":3,\"profile\":\"wsana\",\"strokes\":" + SEVEN + "}"));
            assertEquals("wsana", ws.expectReply("prediction").path("profile").asText());
            ws.send(body("{\"type\":\"export_profile\",\"id\":4,\"profile\":\"wsana\"}"));
            JsonNode export = ws.expectReply("profile_export");
            assertTrue(export.path("jsonl").asText().contains("\"label\":\"q\""));
            ws.send(body("{\"type\":\"list_profiles\",\"id\":5}"));
            assertTrue(ws.expectReply("profiles").path("profiles").findValuesAsText("name").contains("wsana"));
            ws.send(body("{\"type\":\"delete_profile\",\"id\":6,\"profile\":\"wsana\"}"));
            ws.expectReply("profile_deleted");
            ws.send(body("{\"type\":\"add_sample\",\"id\":7,\"profile\":\"wsana\",\"label\":\"q\",\"strokes\":" + SEVEN + "}"));
            assertEquals("unknown_profile", ws.expectReply("error").path("code").asText());
            ws.send(body("{\"type\":\"add_sample\",\"id\":8,\"profile\":\"wsana\",\"label\":\"q\",\"colour\":1}"));
            assertEquals("unknown_field", ws.expectReply("error").path("code").asText());
        }
    }

    @Test
    void beyondLoopbackWritingNeedsTheProfileKeyOrTheAdminToken() throws Exception {
        String key = TestServer.json(open.postJson("/api/profiles", Map.of("name", "guarded"))).path("key").asText();
        String sample = "{\"strokes\":" + SEVEN + ",\"label\":\"7\"}";
        HttpResponse<String> anonymous = open.postJson("/api/profiles/guarded/samples", body(sample));
        assertEquals(401, anonymous.statusCode());
        assertEquals("profile_key_required", TestServer.json(anonymous).path("code").asText());
        assertEquals(403, open.postJson("/api/profiles/guarded/samples", body(sample),
                ProfileEndpoints.KEY_HEADER, "wrong").statusCode());
        assertEquals(201, open.postJson("/api/profiles/guarded/samples", body(sample),
                ProfileEndpoints.KEY_HEADER, key).statusCode());
        assertEquals(201, open.postJson("/api/profiles/guarded/samples", body(sample),
                ProfileEndpoints.TOKEN_HEADER, open.server.adminToken()).statusCode());
        assertEquals(401, open.get("/api/profiles/guarded/export").statusCode(), "an export shows the drawings");
        assertEquals("guarded", predict(open, "guarded").path("profile").asText(), "reading with it needs no key");
        assertEquals(401, delete(open, "/api/profiles/guarded").statusCode());
        assertEquals(200, delete(open, "/api/profiles/guarded", ProfileEndpoints.KEY_HEADER, key).statusCode());
    }

    @Test
    void theDatabaseIsOneFileInTheStateFolder() {
        assertTrue(Files.isRegularFile(local.stateDirectory.resolve(ServerOptions.PROFILES_FILE)));
    }
}
