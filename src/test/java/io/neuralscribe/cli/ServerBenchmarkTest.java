package io.neuralscribe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.neuralscribe.inference.Drawing;
import io.neuralscribe.server.Inbound;
import io.neuralscribe.server.InboundParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerBenchmarkTest {

    @Test
    void theBenchmarkSendsStrokesAsThePageDoesAndTheServerAcceptsThem() throws Exception {
        List<String> drawings = ServerBenchmark.drawings(8);
        assertEquals(8, drawings.size());
        for (String message : drawings) {
            Inbound.Predict predict = assertInstanceOf(Inbound.Predict.class, InboundParser.parse(message));
            assertInstanceOf(Drawing.Strokes.class, predict.drawing(), message);
        }
    }
}
