package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.IdxTestFiles;
import io.neuralscribe.inference.ClassPrior;
import io.neuralscribe.inference.TtaMode;
import io.neuralscribe.inference.Predictor;
import io.neuralscribe.raster.Preprocessing;
import io.neuralscribe.inference.TestDrawings;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.inference.TestDrawings.PixelGlyph;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only a training that finishes puts its model in service: a failed or cancelled one leaves the
 * model that served before answering exactly as it did; a finished one is kept in the state folder
 * until reset_model, which brings the shipped model back.
 */
class TrainingSafetyTest {
    private static final List<float[]> DRAWINGS = List.of(PixelGlyph.FOUR.canvas(3, 3, 2), PixelGlyph.J.canvas(0, 0, 1),
            TestDrawings.scribble(9));

    @TempDir
    Path folder;

    /** The probabilities the server gives for each drawing, TTA off and on. */
    private static float[][] answers(WsClient client) throws Exception {
        float[][] out = new float[DRAWINGS.size() * 2][];
        for (int i = 0; i < DRAWINGS.size(); i++) {
            for (int t = 0; t < 2; t++) {
                client.send(TestServer.predict("d" + i + t, DRAWINGS.get(i)).put("tta", t == 1));
                JsonNode p = client.await("prediction");
                assertEquals("d" + i + t, p.path("id").asText());
                out[i * 2 + t] = TestServer.floats(p.path("probabilities"));
            }
        }
        return out;
    }

    private static float[][] direct(Path modelFile) throws Exception {
        float[][] out = new float[DRAWINGS.size() * 2][];
        try (LoadedModel model = ModelFile.load(modelFile)) {
            Predictor predictor = new Predictor("x", model);
            for (int i = 0; i < DRAWINGS.size(); i++) {
                for (int t = 0; t < 2; t++) {
                    // A drawing, as the page sends it: read alone, with the model's pen prior.
                    out[i * 2 + t] = predictor.predict(List.of(Preprocessing.fromCanvas(DRAWINGS.get(i))),
                            TtaMode.of(t == 1), ClassPrior.WRITTEN).get(0).probabilities();
                }
            }
        }
        return out;
    }

    private static void assertSameAnswers(float[][] expected, float[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-6f, what + ", drawing " + i);
        }
    }

    private static boolean differ(float[][] a, float[][] b) {
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                if (Math.abs(a[i][c] - b[i][c]) > 1e-4) {
                    return true;
                }
            }
        }
        return false;
    }

    private void assertNoModelLeftBehind(TestServer server) throws Exception {
        assertEquals(List.of(), server.stateFiles(), "no trained, staged or temporary model in the state folder");
    }

    @Test
    void aTrainingOnCorruptDataFailsAndTheOldModelKeepsServing() throws Exception {
        Path data = TestServer.tinyByMerge(folder.resolve("corrupt"));
        byte[] garbage = new byte[5000];
        new Random(1).nextBytes(garbage);
        Files.write(data.resolve(EmnistSplit.BYMERGE.imagesFile(EmnistSplit.Part.TRAIN)), garbage);
        try (TestServer server = TestServer.in(folder).data(data).start(); WsClient client = server.connect()) {
            float[][] before = answers(client);
            assertSameAnswers(direct(server.modelFile), before, "before");
            client.send("{\"type\":\"train\",\"epochs\":1}");
            JsonNode error = client.await("training_error");
            assertTrue(error.path("message").asText().contains("previous model still serves"), error.toString());
            assertTrue(error.path("message").asText().length() > 30);
            assertSameAnswers(before, answers(client), "after the failed training");
            assertNoModelLeftBehind(server);
            try (WsClient fresh = server.connect()) {
                assertTrue(fresh.received.get(0).path("training").isNull(), "the failed training is over");
                assertTrue(fresh.received.get(0).path("model").path("shipped").asBoolean());
            }
            // Another training may start after a failure (it fails again on the same data).
            client.send("{\"type\":\"train\",\"epochs\":1}");
            client.await("training_error");
        }
    }

    @Test
    void aTrainingOnDataWithOtherClassesFailsAndTheOldModelKeepsServing() throws Exception {
        // ByMerge file names, but a digits-only mapping: a model trained on it would read 10 classes, not 47.
        Path data = folder.resolve("digits-as-bymerge");
        IdxTestFiles.writeSplit(data, EmnistSplit.BYMERGE, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                40, 10, 3);
        try (TestServer server = TestServer.in(folder).data(data).start(); WsClient client = server.connect()) {
            float[][] before = answers(client);
            client.send("{\"type\":\"train\",\"epochs\":1}");
            JsonNode error = client.await("training_error");
            assertTrue(error.path("message").asText().contains("classes"), error.toString());
            assertSameAnswers(before, answers(client), "after the refused training");
            assertNoModelLeftBehind(server);
            assertFalse(client.types().contains("training_complete"));
        }
    }

    @Test
    void aCancelledTrainingLeavesTheOldModelServingExactlyAsBefore() throws Exception {
        try (TestServer server = TestServer.in(folder).start(); WsClient client = server.connect()) {
            float[][] before = answers(client);
            client.send("{\"type\":\"train\",\"epochs\":100}");
            client.await("training_started");
            client.send("{\"type\":\"cancel_training\"}");
            JsonNode cancelled = client.await("training_cancelled");
            assertTrue(cancelled.path("message").asText().contains("previous model still serves"));
            assertFalse(client.types().contains("training_complete"));
            assertSameAnswers(before, answers(client), "after the cancelled training");
            assertNoModelLeftBehind(server);
        }
    }

    @Test
    void aFinishedTrainingIsACandidateUntilKeptAndResetBringsTheShippedModelBack() throws Exception {
        try (TestServer server = TestServer.in(folder).start(); WsClient client = server.connect()) {
            float[][] shipped = answers(client);
            client.send("{\"type\":\"train\",\"epochs\":1}");
            JsonNode complete = client.await("training_complete");
            JsonNode candidate = complete.path("candidate");
            assertEquals(candidate.path("candidate_accuracy").asDouble(), complete.path("accuracy").asDouble());
            assertTrue(candidate.path("current_accuracy").isNumber(), "the current model was evaluated too");
            assertEquals(TestModels.BYMERGE_CLASSES.size(), candidate.path("images").asInt(),
                    "both on the whole tiny test set");
            assertTrue(candidate.path("test_set").asText().startsWith("emnist-bymerge-test"), candidate.toString());
            assertEquals(List.of("bymerge.candidate.json", "bymerge.candidate.nsmodel"), server.stateFiles());
            assertSameAnswers(shipped, answers(client), "a candidate does not serve before it is kept");

            client.send("{\"type\":\"keep_model\",\"keep\":\"candidate\"}");
            JsonNode kept = client.await("model_kept");
            assertEquals("candidate", kept.path("kept").asText());
            assertFalse(kept.path("model_info").path("shipped").asBoolean(true));
            assertTrue(kept.path("model_info").path("candidate").isNull());
            assertEquals(List.of("bymerge.nsmodel"), server.stateFiles(), "the shipped model is never moved");
            assertEquals("bymerge", ModelFile.readMetadata(server.trainedFile()).split());

            float[][] trained = answers(client);
            assertTrue(differ(shipped, trained), "the trained model answers differently from the shipped one");
            assertSameAnswers(direct(server.trainedFile()), trained, "the trained file is what serves");

            // A server started on the same state folder serves the trained model too.
            try (TestServer restarted = TestServer.in(folder.resolve("second")).model(server.modelFile)
                    .data(server.dataDirectory).state(server.stateDirectory).start();
                    WsClient other = restarted.connect()) {
                assertFalse(other.received.get(0).path("model").path("shipped").asBoolean(true));
                assertSameAnswers(trained, answers(other), "after a restart");
            }

            client.send("{\"type\":\"reset_model\"}");
            JsonNode reset = client.await("model_reset");
            assertTrue(reset.path("model_info").path("shipped").asBoolean());
            assertFalse(Files.exists(server.trainedFile()), "reset deletes the trained file");
            assertNoModelLeftBehind(server);
            assertSameAnswers(shipped, answers(client), "after reset_model");
            assertTrue(Files.isRegularFile(server.modelFile), "the shipped file is never touched");
        }
    }
}
