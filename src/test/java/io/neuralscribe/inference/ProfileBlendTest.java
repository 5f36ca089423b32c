package io.neuralscribe.inference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileBlendTest {
    private static final ProfileBlend BLEND = new ProfileBlend(40, 0.75);
    /** Base answer: class 1 at 60 %, class 7 at 10 %, classes 0 and 2 share the rest. */
    private static final float[] BASE = {0.2f, 0.6f, 0.1f, 0.1f};
    private static final float[] SEVEN_LIKE = {1, 0, 0, 2};
    private static final float[] ONE_LIKE = {0, 3, 0, 0};

    private static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            best = p[c] > p[best] ? c : best;
        }
        return best;
    }

    @Test
    void anEmptyProfileLeavesTheBaseAnswerExactly() {
        assertArrayEquals(BASE, BLEND.apply(BASE, SEVEN_LIKE, ClassPrototypes.empty(4)));
    }

    @Test
    void aDrawingLikeATaughtClassIsReadAsThatClass() {
        // The person's "7"s (class 3 here) look like SEVEN_LIKE; the base model reads class 1.
        ClassPrototypes taught = ClassPrototypes.empty(4).plus(3, new float[] {1.1f, 0, 0, 2}).plus(3, new float[] {0.9f, 0, 0, 2.1f});
        float[] adapted = BLEND.apply(BASE, SEVEN_LIKE, taught);
        assertEquals(3, argmax(adapted));
        assertEquals(1, argmax(BASE));
        assertEquals(1.0, adapted[0] + adapted[1] + adapted[2] + adapted[3], 1e-5);
    }

    @Test
    void aDrawingUnlikeEveryTaughtClassKeepsTheBaseAnswer() {
        ClassPrototypes taught = ClassPrototypes.empty(4).plus(3, SEVEN_LIKE);
        assertArrayEquals(BASE, BLEND.apply(BASE, ONE_LIKE, taught));
    }

    @Test
    void classesWithNoSamplesKeepTheirBaseOddsAgainstEachOther() {
        ClassPrototypes taught = ClassPrototypes.empty(4).plus(3, SEVEN_LIKE);
        float[] adapted = BLEND.apply(BASE, SEVEN_LIKE, taught);
        assertTrue(adapted[3] > BASE[3]);
        assertEquals(BASE[1] / BASE[0], adapted[1] / adapted[0], 1e-4);
        assertEquals(BASE[2] / BASE[0], adapted[2] / adapted[0], 1e-4);
    }

    @Test
    void addingASampleLeavesTheEarlierSetAsItWas() {
        ClassPrototypes one = ClassPrototypes.empty(4).plus(3, SEVEN_LIKE);
        ClassPrototypes two = one.plus(1, ONE_LIKE);
        assertEquals(0, one.count(1));
        assertEquals(1, two.count(1));
        assertTrue(Float.isNaN(one.similarities(ONE_LIKE)[1]));
        assertEquals(1.0, two.similarities(ONE_LIKE)[1], 1e-6);
    }

    @Test
    void prototypesAreMeansOfNormalizedFeaturesSoScaleDoesNotMatter() {
        ClassPrototypes small = ClassPrototypes.empty(4).plus(0, new float[] {1, 0, 0, 0}).plus(0, new float[] {0, 1, 0, 0});
        ClassPrototypes skewed = ClassPrototypes.empty(4).plus(0, new float[] {100, 0, 0, 0}).plus(0, new float[] {0, 1, 0, 0});
        float[] query = {1, 1, 0, 0};
        assertEquals(1.0, small.similarities(query)[0], 1e-6);
        assertEquals(small.similarities(query)[0], skewed.similarities(query)[0], 1e-6);
    }

    @Test
    void aLabelTeachesItsCapitalInAModelThatMergesCases() {
        List<String> classes = List.of("0", "C", "O", "a");
        assertEquals(1, ClassPrototypes.classOf("c", classes));
        assertEquals(1, ClassPrototypes.classOf("C", classes));
        assertEquals(3, ClassPrototypes.classOf("a", classes));
        assertEquals(-1, ClassPrototypes.classOf("z", classes));
    }
}
