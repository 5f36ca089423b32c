package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.inference.TestModels;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished training leaves a candidate; a person keeps it or the current model, over the
 * WebSocket or REST, and the server remembers across a restart. Before a run, a plan says what it
 * would do; with no data and no download allowed, one sentence says what to do.
 */
class CandidateChoiceTest {
    @TempDir
    Path folder;

    private static JsonNode trainOnce(WsClient client, String extra) throws Exception {
        client.send("{\"type\":\"train\",\"epochs\":1" + extra + "}");
        return client.await("training_complete");
    }

    @Test
    void keepingTheCurrentModelSetsTheCandidateAsideUntilItIsDiscarded() throws Exception {
        try (TestServer server = TestServer.in(folder).start(); WsClient client = server.connect()) {
            client.send("{\"type\":\"keep_model\",\"keep\":\"candidate\"}");
            assertEquals("no_candidate", client.await("error").path("code").asText());

            trainOnce(client, "");
            client.send("{\"type\":\"keep_model\",\"keep\":\"current\"}");
            JsonNode kept = client.await("model_kept");
            assertEquals("current", kept.path("kept").asText());
            assertTrue(kept.path("model_info").path("shipped").asBoolean(), "the shipped model still serves");
            assertTrue(kept.path("model_info").path("set_aside").asBoolean());
            assertEquals(List.of("bymerge.set-aside.nsmodel"), server.stateFiles(), "the candidate is kept aside");

            client.send("{\"type\":\"discard_model\"}");
            JsonNode discarded = client.await("model_discarded");
            assertFalse(discarded.path("model_info").path("set_aside").asBoolean(true));
            assertEquals(List.of(), server.stateFiles());
            client.received.clear();
            client.send("{\"type\":\"discard_model\"}");
            assertEquals("nothing_set_aside", client.await("error").path("code").asText());
        }
    }

    @Test
    void aWaitingCandidateSurvivesARestartAndIsKeptOverRest() throws Exception {
        TestServer first = TestServer.in(folder).start();
        try (first; WsClient client = first.connect()) {
            trainOnce(client, ",\"eval_limit\":10");
            List<JsonNode> evaluating = client.received.stream()
                    .filter(m -> m.path("type").asText().equals("training_evaluating")).toList();
            assertTrue(evaluating.stream().anyMatch(m -> m.path("evaluating").asText().equals("candidate")));
            assertTrue(evaluating.stream().anyMatch(m -> m.path("evaluating").asText().equals("current")),
                    "the current model is evaluated as a visible step");
            assertTrue(evaluating.stream().allMatch(m -> m.path("total_images").asInt() == 10), "eval_limit holds");
        }
        try (TestServer second = TestServer.in(folder.resolve("again")).model(first.modelFile)
                .data(first.dataDirectory).state(first.stateDirectory).start(); WsClient client = second.connect()) {
            JsonNode candidate = client.received.get(0).path("model").path("candidate");
            assertEquals(10, candidate.path("images").asInt(), candidate.toString());
            assertTrue(candidate.path("current_accuracy").isNumber());
            assertTrue(client.received.get(0).path("model").path("shipped").asBoolean(), "still only a candidate");

            HttpResponse<String> bad = second.postJson("/api/models/bymerge/keep", Map.of("keep", "both"));
            assertEquals(400, bad.statusCode(), bad.body());
            HttpResponse<String> kept = second.postJson("/api/models/bymerge/keep", Map.of("keep", "candidate"));
            assertEquals(200, kept.statusCode(), kept.body());
            assertEquals("candidate", client.await("model_kept").path("kept").asText(), "every page is told");
            assertTrue(Files.isRegularFile(second.trainedFile()));
            assertEquals(404, second.postJson("/api/models/nothing/discard", Map.of()).statusCode());
        }
    }

    @Test
    void aPlanSaysWhatARunWouldUseAndMissingDataIsOneSentence() throws Exception {
        try (TestServer server = TestServer.in(folder).start(); WsClient client = server.connect()) {
            client.send("{\"type\":\"plan_training\",\"epochs\":3,\"eval_limit\":5}");
            JsonNode plan = client.await("training_plan");
            assertEquals(2 * TestModels.BYMERGE_CLASSES.size(), plan.path("training_images").asInt());
            assertEquals(5, plan.path("test_images").asInt());
            assertTrue(plan.path("data_present").asBoolean());
            assertEquals(0, plan.path("download_bytes").asLong());
            assertTrue(plan.path("can_start").asBoolean());
            assertEquals(server.dataDirectory.toString(), plan.path("data_folder").asText());
        }
        try (TestServer server = TestServer.in(folder.resolve("empty")).model(folder.resolve("shipped")
                .resolve("bymerge-compact.nsmodel")).data(folder.resolve("no-data")).start();
                WsClient client = server.connect()) {
            client.send("{\"type\":\"plan_training\",\"epochs\":3}");
            JsonNode plan = client.await("training_plan");
            assertFalse(plan.path("can_start").asBoolean(true));
            assertTrue(plan.path("message").asText().contains("--allow-download"), plan.toString());
            client.send("{\"type\":\"train\",\"epochs\":3}");
            JsonNode refused = client.await("error");
            assertEquals("no_training_data", refused.path("code").asText());
            assertEquals(plan.path("message").asText(), refused.path("message").asText());
            assertFalse(client.types().contains("training_started"));
        }
    }
}
