package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files the server is given or leaves behind: names, damage, leftovers, and the order of a swap. */
class ModelFileSafetyTest {
    @TempDir
    Path folder;

    @Test
    void aSplitNameThatIsAPathIsRefusedBeforeItTouchesTheFileSystem() throws Exception {
        Path victim = folder.resolve("victim.nsmodel");
        Files.writeString(victim, "someone else's file");
        Path crafted = TestModels.randomCompact(folder.resolve("shipped").resolve("crafted.nsmodel"), 3,
                "../../victim", TestModels.BYMERGE_CLASSES);
        IOException e = assertThrows(IOException.class, () -> TestServer.in(folder).state(folder.resolve("a/b"))
                .model(crafted).start().close());
        assertTrue(e.getMessage().contains("unknown EMNIST split"), e.getMessage());
        assertEquals("someone else's file", Files.readString(victim));
    }

    @Test
    void leftoversOfInterruptedSavesAreRemovedAtStart() throws Exception {
        Path models = Files.createDirectories(folder.resolve("state").resolve("models"));
        Files.writeString(models.resolve(".bymerge.staged.nsmodel123456.tmp"), "half a model");
        Files.writeString(models.resolve(".bymerge.nsmodel98765.tmp"), "half a model");
        Files.writeString(models.resolve("bymerge.staged.nsmodel"), "a staged model");
        Files.writeString(models.resolve("notes.txt"), "not ours");
        try (TestServer server = TestServer.in(folder).start()) {
            assertEquals(List.of("notes.txt"), server.stateFiles());
        }
    }

    @Test
    void truncatedWeightsSayWhichFileAndWhatIsWrong() throws Exception {
        Path model = TestModels.randomCompact(folder.resolve("whole.nsmodel"), 5);
        Path cut = folder.resolve("cut.nsmodel");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(model));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(cut))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes, 0, entry.getName().equals("parameters.djl") ? bytes.length / 2 : bytes.length);
                out.closeEntry();
            }
        }
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(cut).close());
        assertTrue(e.getMessage().contains("cut.nsmodel") && e.getMessage().contains("cut short"), e.getMessage());
        assertFalse(e.getMessage().contains("(null)") || e.getMessage().contains("EOFException"), e.getMessage());
    }

    @Test
    void aModelWhoseClassesDisagreeWithItsOutputLayerIsRefusedAtLoad() throws Exception {
        // The weights of a 47-class network, the metadata of a 62-class one.
        Path weights = TestModels.randomCompact(folder.resolve("merge.nsmodel"), 5);
        Path labels = TestModels.randomCompact(folder.resolve("class.nsmodel"), 5, "byclass", TestModels.BYCLASS_CLASSES);
        Path mixed = folder.resolve("mixed.nsmodel");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(mixed))) {
            for (Path source : new Path[] {labels, weights}) {
                String wanted = source == labels ? "metadata.json" : "parameters.djl";
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source))) {
                    for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                        if (entry.getName().equals(wanted)) {
                            out.putNextEntry(new ZipEntry(wanted));
                            out.write(in.readAllBytes());
                            out.closeEntry();
                        }
                    }
                }
            }
        }
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(mixed).close());
        assertTrue(e.getMessage().contains("mixed.nsmodel") && e.getMessage().contains("62"), e.getMessage());
    }

    @Test
    void aTrainedModelThatCannotBeKeptDoesNotServe() throws Exception {
        try (TestServer server = TestServer.in(folder).start(); WsClient client = server.connect()) {
            // The place of the candidate is taken by a folder that is not empty: the move must fail.
            Files.createDirectories(server.stateDirectory.resolve("models").resolve("bymerge.candidate"
                    + io.neuralscribe.model.ModelFile.EXTENSION).resolve("in-the-way"));
            client.send("{\"type\":\"train\",\"epochs\":1}");
            JsonNode error = client.await("training_error");
            assertTrue(error.path("message").asText().contains("previous model still serves"), error.toString());
            JsonNode status = TestServer.json(server.get("/api/status"));
            assertTrue(status.path("model").path("shipped").asBoolean(),
                    "what the page was told is true: the shipped model serves");
            assertTrue(status.path("model").path("candidate").isNull(), "and no candidate waits: " + status);
        }
    }

    @Test
    void aTrainingErrorNamesNoFolderOfTheServerAndStartsNoDownload() throws Exception {
        Path missing = folder.resolve("nowhere").resolve("emnist");
        try (TestServer server = TestServer.in(folder).data(missing).start(); WsClient client = server.connect()) {
            client.send("{\"type\":\"train\",\"epochs\":1}");
            JsonNode refused = client.await("error");
            assertEquals("no_training_data", refused.path("code").asText(), "refused before any run starts");
            String message = refused.path("message").asText();
            assertFalse(message.contains(folder.toString()), message);
            assertTrue(message.contains("--allow-download"), message);
            assertFalse(Files.exists(missing), "no download was started");
        }
        assertEquals("x.gz: truncated and data (a folder) gone",
                TrainingCoordinator.withoutFolders("/home/me/data/x.gz: truncated and data /tmp/abc/ gone"));
    }
}
