package io.neuralscribe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.ModelFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancel holds during the final evaluation too, and that evaluation reports its progress. */
class CancelDuringEvaluationTest {
    @TempDir
    Path folder;

    private static TrainingOptions options() {
        return new TrainingOptions(Architecture.COMPACT, 1, 32, 7, 3e-3, 1e-4, 1, 2, 2.0, 0.1, 0, 1.0,
                AugmentOptions.none(), 40);
    }

    @Test
    void aCancelDuringTheFinalEvaluationWritesNoModel() {
        ImageDataset train = TrainingRunTest.shapes("shapes train", 16, 3);
        ImageDataset test = TrainingRunTest.shapes("shapes test", 600, 4); // 2,400 images: 3 evaluation batches
        Path out = folder.resolve("cancelled" + ModelFile.EXTENSION);
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Integer> progress = new ArrayList<>();
        TrainingObserver listener = new TrainingObserver() {
            @Override
            public void evaluating(int images) {
                cancelled.set(true); // the person gives up once the last evaluation has begun
            }

            @Override
            public void evaluated(int images, int totalImages) {
                progress.add(images);
            }
        };
        assertThrows(CancellationException.class, () -> new TrainingRun(options(), listener, cancelled::get)
                .run(train, test, "synthetic", "synthetic shapes", out));
        assertFalse(Files.exists(out), "a cancelled run writes no model");
        assertTrue(progress.size() <= 1, "the evaluation stopped at its first batch: " + progress);
    }

    @Test
    void theFinalEvaluationReportsItsProgress() throws Exception {
        ImageDataset train = TrainingRunTest.shapes("shapes train", 16, 3);
        ImageDataset test = TrainingRunTest.shapes("shapes test", 600, 4);
        List<Integer> progress = new ArrayList<>();
        TrainingObserver listener = new TrainingObserver() {
            @Override
            public void evaluated(int images, int totalImages) {
                assertEquals(test.size(), totalImages);
                progress.add(images);
            }
        };
        new TrainingRun(options(), listener, () -> false).run(train, test, "synthetic", "synthetic shapes",
                folder.resolve("done" + ModelFile.EXTENSION));
        assertEquals(List.of(1000, 2000, 2400), progress);
    }
}
