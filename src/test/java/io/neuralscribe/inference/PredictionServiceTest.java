package io.neuralscribe.inference;

import io.neuralscribe.raster.Preprocessing;
import io.neuralscribe.model.TestEngine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionServiceTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 3;
    private static final int DRAWINGS = 24;

    @TempDir
    static Path folder;

    private static Path fileA;
    private static Path fileB;
    private static final List<float[]> canvases = new ArrayList<>();
    /** Single-threaded answers by model file, TTA and drawing. */
    private static final Map<String, float[]> reference = new HashMap<>();

    @BeforeAll
    static void models() throws IOException {
        TestEngine.oneThread();
        fileA = TestModels.randomCompact(folder.resolve("a.nsmodel"), 1);
        fileB = TestModels.randomCompact(folder.resolve("b.nsmodel"), 2);
        for (int i = 0; i < DRAWINGS; i++) {
            canvases.add(TestDrawings.scribble(100 + i));
        }
        for (Path file : List.of(fileA, fileB)) {
            try (LoadedModel model = ModelFile.load(file)) {
                // One thread, one predictor call per setting (PredictorTest shows a drawing's answer does
                // not depend on what else is in the batch).
                Predictor predictor = new Predictor("ref", model);
                List<float[]> views = canvases.stream().map(Preprocessing::fromCanvas).toList();
                for (boolean tta : new boolean[] {true, false}) {
                    List<Prediction> answers = predictor.predict(views, tta);
                    for (int i = 0; i < DRAWINGS; i++) {
                        reference.put(key(file, tta, i), answers.get(i).probabilities());
                    }
                }
            }
        }
        // The two models must answer differently, or a swap could not be seen.
        float[] a = reference.get(key(fileA, false, 0));
        float[] b = reference.get(key(fileB, false, 0));
        double apart = 0;
        for (int c = 0; c < a.length; c++) {
            apart = Math.max(apart, Math.abs(a[c] - b[c]));
        }
        assertTrue(apart > 1e-3, "models A and B answer alike");
    }

    private static String key(Path file, boolean tta, int drawing) {
        return file.getFileName() + "/" + tta + "/" + drawing;
    }

    /** Two workers, as on the two-core machine the server is measured on, so that they race each other. */
    private static PredictionService service(boolean batching, Path... files) throws IOException {
        PredictionService service = new PredictionService(batching, 32, 2);
        for (Path file : files) {
            service.put("bymerge", ModelFile.load(file));
        }
        return service;
    }

    private static boolean close(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int c = 0; c < expected.length; c++) {
            if (Math.abs(expected[c] - actual[c]) > 1e-5) {
                return false;
            }
        }
        return true;
    }

    /** Submits every (drawing, tta) from {@value #THREADS} threads at once; returns the answers by key. */
    private static Map<String, Prediction> hammer(PredictionService service, Runnable meanwhile) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Map<String, Prediction>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Map<String, CompletableFuture<Prediction>> mine = new HashMap<>();
                    for (int k = 0; k < PER_THREAD; k++) {
                        int drawing = (thread * PER_THREAD + k) % DRAWINGS;
                        boolean tta = (thread + k) % 3 == 0;
                        mine.put(drawing + "/" + tta + "/" + thread + "/" + k,
                                service.submit(null, new Drawing.Pixels(canvases.get(drawing)), tta, Expectation.ANY));
                    }
                    Map<String, Prediction> answers = new HashMap<>();
                    for (var entry : mine.entrySet()) {
                        answers.put(entry.getKey(), entry.getValue().get(60, TimeUnit.SECONDS));
                    }
                    return answers;
                }));
            }
            meanwhile.run();
            Map<String, Prediction> all = new HashMap<>();
            for (Future<Map<String, Prediction>> future : futures) {
                all.putAll(future.get(120, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int drawingOf(String key) {
        return Integer.parseInt(key.split("/")[0]);
    }

    private static boolean ttaOf(String key) {
        return Boolean.parseBoolean(key.split("/")[1]);
    }

    @Test
    void aLinesViewsRunInOneForwardPassAndComeBackInOrder() throws Exception {
        try (PredictionService service = service(true, fileA)) {
            List<float[]> views = canvases.subList(0, 7).stream().map(Preprocessing::fromCanvas).toList();
            // Single requests queued alongside, so that the line shares its worker with them.
            List<CompletableFuture<Prediction>> others = new ArrayList<>();
            for (int i = 7; i < 12; i++) {
                others.add(service.submit(null, new Drawing.Pixels(canvases.get(i)), true, Expectation.ANY));
            }
            List<Prediction> line = service.submitViews(null, views, true, null).get(60, TimeUnit.SECONDS);
            assertEquals(7, line.size());
            for (int i = 0; i < 7; i++) {
                // TTA where the network is unsure of a character as drawn; the character as drawn otherwise.
                float[] plain = reference.get(key(fileA, false, i));
                boolean sure = Prediction.rank(plain, TestModels.BYMERGE_CLASSES, 1).get(0).confidence() >= Predictor.SURE;
                assertArrayEquals(reference.get(key(fileA, !sure, i)), line.get(i).probabilities(), 1e-5f, "view " + i);
            }
            assertEquals(1, line.stream().mapToDouble(Prediction::inferenceMs).distinct().count(),
                    "the line's characters shared one forward pass");
            for (int i = 7; i < 12; i++) {
                assertArrayEquals(reference.get(key(fileA, true, i)), others.get(i - 7).get(60, TimeUnit.SECONDS)
                        .probabilities(), 1e-5f);
            }
            assertTrue(service.submitViews(null, List.of(), true, null).get().isEmpty());
        }
    }

    @Test
    void manyConcurrentRequestsEachGetTheirOwnAnswerWithAndWithoutBatching() throws Exception {
        Map<String, Map<String, Prediction>> byMode = new HashMap<>();
        for (boolean batching : new boolean[] {true, false}) {
            try (PredictionService service = service(batching, fileA)) {
                Map<String, Prediction> answers = hammer(service, () -> { });
                assertEquals(THREADS * PER_THREAD, answers.size());
                for (var entry : answers.entrySet()) {
                    float[] expected = reference.get(key(fileA, ttaOf(entry.getKey()), drawingOf(entry.getKey())));
                    assertArrayEquals(expected, entry.getValue().probabilities(), 1e-5f,
                            "batching " + batching + ", request " + entry.getKey());
                    assertEquals("bymerge", entry.getValue().model());
                }
                byMode.put(String.valueOf(batching), answers);
                if (batching) {
                    // Requests run in one forward pass share its time: some did wait and ran together.
                    long distinctTimes = answers.values().stream().mapToDouble(Prediction::inferenceMs).distinct().count();
                    assertTrue(distinctTimes < answers.size(),
                            "with batching on, no two of " + answers.size() + " concurrent requests ran together");
                }
            }
        }
        for (String key : byMode.get("true").keySet()) {
            assertArrayEquals(byMode.get("false").get(key).probabilities(), byMode.get("true").get(key).probabilities(),
                    1e-5f, "batching on and off disagree on " + key);
            assertEquals(byMode.get("false").get(key).label(), byMode.get("true").get(key).label());
        }
    }

    @Test
    void aModelReplacedWhileRequestsAreInFlightNeverBreaksARequest() throws Exception {
        try (PredictionService service = service(true, fileA)) {
            AtomicBoolean failed = new AtomicBoolean();
            List<Throwable> swapErrors = new ArrayList<>();
            List<LoadedModel> replaced = new ArrayList<>();
            Map<String, Prediction> answers = hammer(service, () -> {
                try {
                    for (int swap = 0; swap < 6; swap++) {
                        LoadedModel model = ModelFile.load(swap % 2 == 0 ? fileB : fileA);
                        replaced.add(model);
                        service.put("bymerge", model);
                        Thread.sleep(15);
                    }
                    service.put("bymerge", ModelFile.load(fileB));
                } catch (IOException | InterruptedException e) {
                    failed.set(true);
                    swapErrors.add(e);
                }
            });
            assertFalse(failed.get(), "swapping failed: " + swapErrors);
            int fromA = 0;
            int fromB = 0;
            for (var entry : answers.entrySet()) {
                float[] actual = entry.getValue().probabilities();
                boolean a = close(reference.get(key(fileA, ttaOf(entry.getKey()), drawingOf(entry.getKey()))), actual);
                boolean b = close(reference.get(key(fileB, ttaOf(entry.getKey()), drawingOf(entry.getKey()))), actual);
                assertTrue(a || b, entry.getKey() + " got an answer from neither model");
                fromA += a ? 1 : 0;
                fromB += b ? 1 : 0;
            }
            assertTrue(fromA + fromB >= answers.size());
            // After the last swap every answer comes from B, and the models replaced were closed without harm.
            for (int i = 0; i < 4; i++) {
                Prediction after = service.submit("bymerge", new Drawing.Pixels(canvases.get(i)), false, Expectation.ANY).get(30, TimeUnit.SECONDS);
                assertArrayEquals(reference.get(key(fileB, false, i)), after.probabilities(), 1e-5f);
            }
            // Every replaced model is closed once its last batch is done: none leaks its native memory.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (replaced.stream().anyMatch(m -> m.manager().isOpen()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(replaced.stream().noneMatch(m -> m.manager().isOpen()), "a replaced model was never closed");
        }
    }

    @Test
    void anUnknownModelIsRefusedAtOnce() throws Exception {
        try (PredictionService service = service(true, fileA)) {
            UnknownModelException e = assertThrows(UnknownModelException.class,
                    () -> service.submit("byclass", new Drawing.Pixels(canvases.get(0)), true, Expectation.ANY));
            assertTrue(e.getMessage().contains("byclass") && e.getMessage().contains("bymerge"), e.getMessage());
            assertThrows(UnknownModelException.class, () -> service.submit("nope", new Drawing.Pixels(new float[784]), true, Expectation.ANY),
                    "even an empty drawing names a model that must exist");
            assertThrows(UnknownModelException.class, () -> service.predictor("nope"));
            assertEquals("bymerge", service.defaultModel());
            // The service goes on answering.
            Prediction p = service.submit(null, new Drawing.Pixels(canvases.get(0)), false, Expectation.ANY).get(30, TimeUnit.SECONDS);
            assertArrayEquals(reference.get(key(fileA, false, 0)), p.probabilities(), 1e-5f);
        }
    }

    @Test
    void anEmptyDrawingIsAnsweredAtOnceWithoutALabel() throws Exception {
        try (PredictionService service = service(true, fileA)) {
            CompletableFuture<Prediction> answer = service.submit(null, new Drawing.Pixels(new float[784]), true, Expectation.ANY);
            assertTrue(answer.isDone(), "nothing drawn needs no forward pass");
            Prediction p = answer.get();
            assertTrue(p.empty());
            assertEquals("bymerge", p.model());
            assertEquals(null, p.label());
            assertEquals(0, p.probabilities().length);
        }
    }

    @Test
    void twoModelsAreServedSideBySideAndTheFirstIsTheDefault() throws Exception {
        try (PredictionService service = new PredictionService(true, 8)) {
            service.put("bymerge", ModelFile.load(fileA));
            service.put("other", ModelFile.load(fileB));
            assertEquals(List.of("bymerge", "other"), service.names());
            assertEquals("bymerge", service.defaultModel());
            CompletableFuture<Prediction> a = service.submit(null, new Drawing.Pixels(canvases.get(3)), false, Expectation.ANY);
            CompletableFuture<Prediction> b = service.submit("other", new Drawing.Pixels(canvases.get(3)), false, Expectation.ANY);
            assertArrayEquals(reference.get(key(fileA, false, 3)), a.get(30, TimeUnit.SECONDS).probabilities(), 1e-5f);
            assertArrayEquals(reference.get(key(fileB, false, 3)), b.get(30, TimeUnit.SECONDS).probabilities(), 1e-5f);
            assertEquals("other", b.get().model());
        }
    }

    @Test
    void aClosedServiceRefusesNewWork() throws Exception {
        PredictionService service = service(true, fileA);
        service.close();
        // Refused at once (the models are gone) or failed: never an answer, never a wait.
        Throwable refusal;
        try {
            CompletableFuture<Prediction> answer = service.submit(null, new Drawing.Pixels(canvases.get(0)), true, Expectation.ANY);
            refusal = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS)).getCause();
        } catch (RuntimeException e) {
            refusal = e;
        }
        assertTrue(refusal instanceof IllegalStateException || refusal instanceof UnknownModelException,
                refusal.toString());
    }

    @Test
    void aDrawingIsReadWithThePenPriorAndPicturesAndLinesWithout() throws Exception {
        // A prior that makes "q" (never the random network's answer here) all but certain for pen input.
        int q = TestModels.BYMERGE_CLASSES.indexOf("q");
        float[] shift = new float[TestModels.BYMERGE_CLASSES.size()];
        shift[q] = 40f;
        Path file = TestModels.randomCompact(folder.resolve("pen.nsmodel"), 1);
        ModelFile.updateMetadata(file, m -> m.withPenPrior(new io.neuralscribe.model.PenPrior("test", shift)));
        try (PredictionService service = service(true, file)) {
            for (int i = 0; i < 3; i++) {
                assertFalse(reference.get(key(fileA, false, i))[q] > 0.5f, "drawing " + i + " must not read q already");
                float[] view = Preprocessing.fromCanvas(canvases.get(i));
                assertEquals("q", service.submit(null, new Drawing.Pixels(canvases.get(i)), false, Expectation.ANY)
                        .get(30, TimeUnit.SECONDS).label(), "a drawing is pen input");
                assertArrayEquals(reference.get(key(fileA, false, i)),
                        service.submitPicture(null, view, false, Expectation.ANY).get(30, TimeUnit.SECONDS).probabilities(),
                        1e-5f, "a picture is read with the network as trained");
                assertArrayEquals(reference.get(key(fileA, false, i)),
                        service.submitViews(null, List.of(view), false, null).get(30, TimeUnit.SECONDS).get(0)
                                .probabilities(), 1e-5f, "a line's characters: the context weighs the classes");
            }
        }
    }
}
