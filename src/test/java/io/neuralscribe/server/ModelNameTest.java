package io.neuralscribe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.inference.TestModels;
import io.neuralscribe.model.Architecture;
import io.neuralscribe.model.ModelMetadata;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModelNameTest {
    @Test
    void theCompactNetworkIsNamedByItsSplitAndOthersAlsoByTheirNetwork() {
        assertEquals("bymerge", new ModelName(EmnistSplit.BYMERGE, Architecture.COMPACT).id());
        assertEquals("bymerge-resnet-se", new ModelName(EmnistSplit.BYMERGE, Architecture.RESNET_SE).id());
        ModelMetadata compact = TestModels.metadata("byclass", TestModels.BYCLASS_CLASSES, "x");
        assertEquals("byclass", ModelName.of(compact).id());
        assertEquals("byclass-resnet-se", ModelName.of(new ModelMetadata(compact.formatVersion(), "resnet-se", "byclass",
                compact.classes(), compact.normalization(), "x", 0, null, null, null, "x")).id());
        assertThrows(IllegalArgumentException.class, () -> ModelName.of(new ModelMetadata(compact.formatVersion(),
                "resnet-se", "../../etc", compact.classes(), compact.normalization(), "x", 0, null, null, null, "x")));
        for (EmnistSplit split : EmnistSplit.values()) {
            for (Architecture architecture : Architecture.values()) {
                ModelName name = new ModelName(split, architecture);
                assertEquals(name, ModelName.parse(name.id()), name.id());
            }
        }
    }

    @Test
    void onlyNamesItMakesParse() {
        for (String bad : List.of("", "bymerge-compact", "BYMERGE", "bymerge-resnet-se/..", "../bymerge", "resnet-se",
                "bymerge-", "cursive", "bymerge-resnet-se-resnet-se")) {
            assertThrows(IllegalArgumentException.class, () -> ModelName.parse(bad), bad);
        }
    }
}
