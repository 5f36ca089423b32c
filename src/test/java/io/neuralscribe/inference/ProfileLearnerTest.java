package io.neuralscribe.inference;

import io.neuralscribe.data.ProfileStore;
import io.neuralscribe.model.LoadedModel;
import io.neuralscribe.model.ModelFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profiles over a real (random-weight) network: learning is immediate, and profiles stay apart. */
class ProfileLearnerTest {
    /** A blend that reacts to any resemblance, so that a random network's features show every effect. */
    private static final ProfileBlend EAGER = new ProfileBlend(40, 0);

    @TempDir
    static Path dir;
    static LoadedModel model;
    static Predictor predictor;

    @BeforeAll
    static void load() throws Exception {
        model = ModelFile.load(TestModels.randomCompact(dir.resolve("m.nsmodel"), 7));
        predictor = new Predictor("bymerge", model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[] drawing(long seed) {
        return TestDrawings.scribble(seed);
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            best = p[c] > p[best] ? c : best;
        }
        return best;
    }

    @Test
    void aSampleIsUsedByTheVeryNextPredictionAndOnlyInItsOwnProfile() {
        try (ProfileStore store = ProfileStore.open(dir.resolve("a.db"))) {
            ProfileLearner learner = new ProfileLearner(store, EAGER);
            store.create("ana", null);
            store.create("bob", null);
            Predictor.Reading reading = predictor.read(List.of(drawing(1)), true, ClassPrior.WRITTEN).get(0);
            float[] base = reading.prediction().probabilities();
            assertArrayEquals(base, learner.adapt("ana", predictor, reading), "no samples: the base answer");

            // The runner-up (random weights make most classes' probabilities underflow to 0).
            String runnerUp = reading.prediction().top3().get(1).label();
            int taught = predictor.metadata().classes().indexOf(runnerUp);
            learner.add("ana", runnerUp, null, drawing(1));
            float[] ana = learner.adapt("ana", predictor, reading);
            assertEquals(1, learner.prototypes("ana", predictor).count(taught));
            assertEquals(runnerUp, predictor.metadata().classes().get(argmax(ana)), "ana's drawing now reads as she taught");
            assertNotEquals(runnerUp, reading.prediction().label());
            assertArrayEquals(base, learner.adapt("bob", predictor, reading), "bob's answers did not change");
        }
    }

    @Test
    void prototypesAreRebuiltFromTheDatabaseAndForAReplacedModel() throws Exception {
        Path file = dir.resolve("b.db");
        try (ProfileStore store = ProfileStore.open(file)) {
            store.create("ana", null);
            new ProfileLearner(store, EAGER).add("ana", "7", null, drawing(2));
        }
        try (ProfileStore store = ProfileStore.open(file)) {
            ProfileLearner learner = new ProfileLearner(store, EAGER);
            int seven = predictor.metadata().classes().indexOf("7");
            ClassPrototypes first = learner.prototypes("ana", predictor);
            assertEquals(1, first.count(seven), "built from the stored sample");
            assertSame(first, learner.prototypes("ana", predictor), "kept, not rebuilt, while the model stays");
            Predictor retrained = new Predictor("bymerge", model);
            assertNotEquals(first, learner.prototypes("ana", retrained), "a replaced model gets its own prototypes");
        }
    }

    @Test
    void aDeletedProfileIsForgotten() {
        try (ProfileStore store = ProfileStore.open(dir.resolve("c.db"))) {
            ProfileLearner learner = new ProfileLearner(store, EAGER);
            store.create("ana", null);
            learner.add("ana", "7", null, drawing(3));
            assertFalse(learner.prototypes("ana", predictor).isEmpty());
            learner.delete("ana");
            store.create("ana", null);
            assertTrue(learner.prototypes("ana", predictor).isEmpty(), "a new profile of the same name starts empty");
        }
    }
}
