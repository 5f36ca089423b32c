package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.model.ComputeDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code /api/status} names the device the models run on. */
class DeviceStatusTest {
    @TempDir
    Path folder;

    @Test
    void statusReportsTheProcessDevice() throws Exception {
        try (TestServer server = TestServer.in(folder).start()) {
            RawClient.Response status = RawClient.request(server.port(), "GET", "/api/status", "127.0.0.1");
            assertEquals(200, status.status(), status.body());
            JsonNode body = WsClient.JSON.readTree(status.body());
            assertEquals(ComputeDevice.describe(ComputeDevice.current()), body.path("device").asText());
            assertEquals("cpu", body.path("device").asText(), "this machine has no GPU");
        }
    }
}
