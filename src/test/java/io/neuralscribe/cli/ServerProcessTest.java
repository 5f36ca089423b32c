package io.neuralscribe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerProcessTest {

    @Test
    void theServerUnderTestRunsWithTheLaunchersServerHeapNotTheBenchmarksOwn() {
        List<String> own = List.of("-Xmx6g", "-Dai.djl.offline=true", "-Dneuralscribe.serveHeap=640m");

        assertEquals(List.of("-Dai.djl.offline=true", "-Dneuralscribe.serveHeap=640m", "-Xmx640m"),
                ServerProcess.serverJvmArguments(own, "640m"));
    }

    @Test
    void withoutALauncherHeapTheServerKeepsTheBenchmarksArguments() {
        List<String> own = List.of("-Xmx2g", "-Dai.djl.offline=true");

        assertEquals(own, ServerProcess.serverJvmArguments(own, null));
    }
}
