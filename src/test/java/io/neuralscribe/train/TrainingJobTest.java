package io.neuralscribe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.data.EmnistRepository;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.IdxTestFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One way to prepare a run's data: limits drawn with the run's seed, described as they are. */
class TrainingJobTest {
    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    Path folder;

    private TrainingJob job() throws Exception {
        IdxTestFiles.writeSplit(folder, EmnistSplit.DIGITS, DIGITS, 200, 80, 3);
        return new TrainingJob(new EmnistRepository(folder, null), EmnistSplit.DIGITS);
    }

    @Test
    void theLimitsAreDrawnWithTheRunsSeedAndDescribed() throws Exception {
        List<String> said = new ArrayList<>();
        TrainingJob.Data a = job().seed(7).limit(50).evalLimit(20).load(said::add);
        TrainingJob.Data b = job().seed(7).limit(50).evalLimit(20).load(line -> { });
        TrainingJob.Data c = job().seed(8).limit(50).evalLimit(20).load(line -> { });
        assertEquals(50, a.train().size());
        assertEquals(20, a.test().size(), "the evaluation limit applies to the test set the run reports on");
        assertArrayEquals(a.train().images(), b.train().images(), "the same seed draws the same images");
        assertFalse(Arrays.equals(a.train().images(), c.train().images()), "another seed draws others");
        assertTrue(a.trainedOn().startsWith("a 50-image random sample of"), a.trainedOn());
        assertTrue(a.test().name().contains("a random sample of its 80"), a.test().name());
        assertTrue(said.get(0).startsWith("Loading EMNIST digits"), said.toString());
    }

    @Test
    void thePlanCountsWhatARunWouldUseWithoutLoadingIt() throws Exception {
        TrainingJob.Plan plan = job().limit(50).plan();
        assertEquals(new TrainingJob.Plan(folder, "digits", 50, 80, true), plan);
        TrainingJob.Plan missing = new TrainingJob(new EmnistRepository(folder.resolve("none"), null), EmnistSplit.MNIST)
                .plan();
        assertFalse(missing.dataPresent());
        assertEquals(EmnistSplit.MNIST.officialSize(EmnistSplit.Part.TRAIN), missing.trainingImages());
    }
}
