package io.neuralscribe.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataLocationTest {
    @Test
    void flagWinsOverEnvironment() {
        assertEquals(Path.of("/flag/dir"), DataLocation.resolve(Path.of("/flag/dir"), "/env/dir"));
    }

    @Test
    void environmentWhenNoFlag() {
        assertEquals(Path.of("/env/dir"), DataLocation.resolve(null, "/env/dir"));
        assertEquals(Path.of("/env/dir"), DataLocation.resolve(null, "  /env/dir \n"));
    }

    @Test
    void defaultWhenNeither() {
        assertEquals(Path.of("data", "emnist"), DataLocation.resolve(null, null));
        assertEquals(DataLocation.DEFAULT, DataLocation.resolve(null, "   "));
        assertEquals(DataLocation.DEFAULT, DataLocation.resolve(null, ""));
    }

    @Test
    void environmentVariableName() {
        assertEquals("NEURALSCRIBE_DATA", DataLocation.ENVIRONMENT_VARIABLE);
    }
}
