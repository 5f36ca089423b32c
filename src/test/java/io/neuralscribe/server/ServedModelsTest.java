package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServedModelsTest {
    @Test
    void theTestSetIsNamedWithItsImageCountOnce() {
        assertEquals("emnist-bymerge-test (116,323 images)", ServedModels.evaluatedOn("emnist-bymerge-test", 116_323));
        assertEquals("EMNIST ByClass dev split (16,478 images)",
                ServedModels.evaluatedOn("EMNIST ByClass dev split (16,478 images)", 16_478));
    }
}
