package io.neuralscribe.data;

import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.Stroke;
import io.neuralscribe.raster.StrokeRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileStoreTest {
    @TempDir
    Path dir;

    static List<Stroke> seven() {
        return List.of(new Stroke(new double[] {0, 40, 15}, new double[] {0, 0, 60}, new double[] {0, 80, 200}));
    }

    static float[] ramp() {
        float[] view = new float[Grid.PIXELS];
        for (int i = 0; i < view.length; i++) {
            view[i] = i / (float) view.length;
        }
        return view;
    }

    @Test
    void samplesSurviveReopeningExactly() {
        Path file = dir.resolve("profiles.db");
        float[] rendered = StrokeRenderer.render(seven());
        try (ProfileStore store = ProfileStore.open(file)) {
            store.create("ana", null);
            store.addSample("ana", "7", seven(), rendered);
            store.addSample("ana", "q", null, ramp());
        }
        try (ProfileStore store = ProfileStore.open(file)) {
            List<ProfileSample> samples = store.samples("ana");
            assertEquals(2, samples.size());
            assertEquals("7", samples.get(0).label());
            assertEquals(seven(), samples.get(0).strokes());
            assertArrayEquals(rendered, samples.get(0).view());
            assertNull(samples.get(1).strokes());
            assertArrayEquals(ramp(), samples.get(1).view());
            assertEquals(List.of(new Profile("ana", 2, store.list().get(0).createdMs())), store.list());
        }
    }

    @Test
    void namesLabelsAndMissingProfilesGetClearErrors() {
        try (ProfileStore store = ProfileStore.open(dir.resolve("p.db"))) {
            store.create("ana", null);
            assertEquals(ProfileException.Reason.EXISTS, assertThrows(ProfileException.class,
                    () -> store.create("ana", null)).reason());
            assertEquals(ProfileException.Reason.NOT_FOUND, assertThrows(ProfileException.class,
                    () -> store.addSample("bob", "7", null, ramp())).reason());
            for (String bad : new String[] {"", "../x", "a b", "-x", "x".repeat(41)}) {
                assertEquals(ProfileException.Reason.INVALID, assertThrows(ProfileException.class,
                        () -> store.create(bad, null)).reason(), bad);
            }
            for (String bad : new String[] {"", "77", "?", " "}) {
                assertThrows(ProfileException.class, () -> store.addSample("ana", bad, null, ramp()), bad);
            }
            assertTrue(store.samples("ana").isEmpty());
        }
    }

    @Test
    void anOlderDatabaseIsMigratedKeepingItsProfiles() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = old.createStatement()) {
                s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            }
            ProfileSchema.migrateStep(old, 0);
            try (Statement s = old.createStatement()) {
                s.execute("INSERT INTO profiles (name, created_ms) VALUES ('ana', 1)");
            }
        }
        try (ProfileStore store = ProfileStore.open(file)) {
            assertEquals("ana", store.list().get(0).name());
            store.create("bob", "abc123");
            assertEquals("abc123", store.keyHash("bob").orElseThrow());
            assertTrue(store.keyHash("ana").isEmpty());
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(ProfileSchema.CURRENT, ProfileSchema.version(db));
        }
    }

    @Test
    void aDatabaseFromANewerProgramIsRefused() throws Exception {
        Path file = dir.resolve("new.db");
        ProfileStore.open(file).close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement()) {
            s.execute("UPDATE schema_version SET version = " + (ProfileSchema.CURRENT + 1));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProfileStore.open(file));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void deletingAProfileLeavesNoTraceOfItInTheFiles() throws Exception {
        Path file = dir.resolve("profiles.db");
        List<Stroke> marked = List.of(new Stroke(new double[] {123456.75, 1}, new double[] {654321.25, 2}, null));
        try (ProfileStore store = ProfileStore.open(file)) {
            store.create("zebra-marker", null);
            store.create("kept", null);
            for (int i = 0; i < 50; i++) {
                store.addSample("zebra-marker", "Q", marked, ramp());
            }
            store.addSample("kept", "7", seven(), ramp());
            assertTrue(fileText(dir).contains("123456.75"), "the marker is there before the delete");
            store.delete("zebra-marker");
            assertEquals(List.of("kept"), store.list().stream().map(Profile::name).toList());
            assertEquals(1, store.samples("kept").size());
            assertEquals(ProfileException.Reason.NOT_FOUND,
                    assertThrows(ProfileException.class, () -> store.samples("zebra-marker")).reason());
            String text = fileText(dir);
            assertFalse(text.contains("123456.75"), "the drawings are scrubbed");
            assertFalse(text.contains("zebra-marker"), "the name is scrubbed");
        }
    }

    /** Every file of the database (main file, WAL, shared memory) as one ISO-8859-1 string. */
    private static String fileText(Path dir) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Test
    void anExportImportsIntoAnotherProfileAsTheSameSamples() throws Exception {
        try (ProfileStore store = ProfileStore.open(dir.resolve("p.db"))) {
            store.create("ana", null);
            store.addSample("ana", "7", seven(), StrokeRenderer.render(seven()));
            store.addSample("ana", "a", null, ramp());
            StringWriter export = new StringWriter();
            assertEquals(2, store.export("ana", export));
            assertEquals(2, export.toString().lines().count());
            store.create("copy", null);
            store.importFrom("copy", new BufferedReader(new StringReader(export.toString())));
            List<ProfileSample> original = store.samples("ana");
            List<ProfileSample> copy = store.samples("copy");
            assertEquals(original.size(), copy.size());
            for (int i = 0; i < copy.size(); i++) {
                assertEquals(original.get(i).label(), copy.get(i).label());
                assertEquals(original.get(i).strokes(), copy.get(i).strokes());
                assertArrayEquals(original.get(i).view(), copy.get(i).view(), 1e-6f);
            }
        }
    }

    @Test
    void anImportWithOneBadLineAddsNothingAndNamesTheLine() {
        try (ProfileStore store = ProfileStore.open(dir.resolve("p.db"))) {
            store.create("ana", null);
            String lines = "{\"label\":\"7\",\"strokes\":[[[0,0],[5,9]]]}\n{\"label\":\"7\",\"strokes\":[[[0,\"x\"]]]}\n";
            ProfileException e = assertThrows(ProfileException.class,
                    () -> store.importFrom("ana", new BufferedReader(new StringReader(lines))));
            assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
            assertTrue(store.samples("ana").isEmpty());
        }
    }

    @Test
    void aProcessKilledWhileWritingLosesAtMostTheSampleBeingWritten() throws Exception {
        Path file = dir.resolve("crash.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ProfileWriterProcess.class.getName(), file.toString()).redirectErrorStream(true).start();
        int acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < 300 && (line = out.readLine()) != null) {
                acknowledged = line.matches("\\d+") ? Integer.parseInt(line) : acknowledged;
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(300, acknowledged, "the writer process ran");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement();
                ResultSet check = s.executeQuery("PRAGMA integrity_check")) {
            check.next();
            assertEquals("ok", check.getString(1));
        }
        try (ProfileStore store = ProfileStore.open(file)) {
            int kept = store.samples("crash").size();
            assertTrue(kept >= acknowledged, kept + " samples kept of " + acknowledged + " acknowledged");
        }
    }
}
