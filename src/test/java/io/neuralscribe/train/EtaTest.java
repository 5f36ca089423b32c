package io.neuralscribe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EtaTest {
    @Test
    void theRestTakesAsLongAsThePaceSoFar() {
        assertEquals(30, Eta.remainingSeconds(10, 1, 4), 1e-9, "one of four took 10 s: three more take 30 s");
        assertEquals(5, Eta.remainingSeconds(15, 0.75, 1), 1e-9);
        assertEquals(0, Eta.remainingSeconds(0, 0, 10), "no pace yet");
        assertEquals(0, Eta.remainingSeconds(20, 10, 10), "done");
    }
}
