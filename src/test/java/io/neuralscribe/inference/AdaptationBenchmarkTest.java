package io.neuralscribe.inference;

import io.neuralscribe.data.StrokeSample;
import io.neuralscribe.raster.Stroke;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdaptationBenchmarkTest {
    private static final List<Stroke> DOT = List.of(new Stroke(new double[] {0}, new double[] {0}, null));

    private static void write(List<StrokeSample> into, String writer, int classes, int each) {
        for (int c = 0; c < classes; c++) {
            String label = TestModels.BYCLASS_CLASSES.get(c);
            for (int i = 0; i < each; i++) {
                into.add(new StrokeSample(label, label, writer, "", DOT));
            }
        }
    }

    @Test
    void onlyWritersWithSixSamplesInThirtyClassesAreMeasured() {
        List<StrokeSample> samples = new ArrayList<>();
        write(samples, "enough", 30, 6);
        write(samples, "too-few-classes", 29, 20);
        write(samples, "too-few-each", 40, 5);
        // A written c is a C in ByMerge's classes: it counts for the writer.
        samples.add(new StrokeSample("c", "C", "enough", "", DOT));
        assertEquals(List.of("enough"),
                List.copyOf(AdaptationBenchmark.eligible(samples, TestModels.BYMERGE_CLASSES).keySet()));
        assertEquals(181, AdaptationBenchmark.eligible(samples, TestModels.BYMERGE_CLASSES).get("enough").size());
    }
}
