package io.neuralscribe.model;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which device each choice means, with and without a GPU, and how devices are named. */
class ComputeDeviceTest {
    @Test
    void autoTakesTheGpuOnlyWhenThereIsOne() {
        assertEquals(Device.cpu(), ComputeDevice.resolve(ComputeDevice.Choice.AUTO, 0));
        assertEquals(Device.gpu(), ComputeDevice.resolve(ComputeDevice.Choice.AUTO, 2));
        assertEquals(Device.cpu(), ComputeDevice.resolve(ComputeDevice.Choice.CPU, 2));
        assertEquals(Device.gpu(), ComputeDevice.resolve(ComputeDevice.Choice.GPU, 1));
    }

    @Test
    void gpuWithoutOneFailsSayingHowToGetOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ComputeDevice.resolve(ComputeDevice.Choice.GPU, 0));
        assertTrue(e.getMessage().contains("no CUDA GPU"), e.getMessage());
        assertTrue(e.getMessage().contains("PYTORCH_LIBRARY_PATH"), e.getMessage());
    }

    @Test
    void autoResolvesToTheCpuOnThisMachine() {
        TestEngine.oneThread();
        try {
            assertEquals(Device.cpu(), ComputeDevice.select(ComputeDevice.Choice.AUTO));
            assertEquals(Device.cpu(), ComputeDevice.current());
        } finally {
            ComputeDevice.select(ComputeDevice.Choice.CPU);
        }
    }

    @Test
    void devicesAreNamedForPeople() {
        assertEquals("cpu", ComputeDevice.describe(Device.cpu()));
        assertEquals("gpu:1", ComputeDevice.describe(Device.gpu(1)));
        assertTrue(ComputeDevice.halfPrecision(Device.gpu()));
        assertFalse(ComputeDevice.halfPrecision(Device.cpu()));
    }

    @Test
    void unknownDevicesAreRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComputeDevice.Choice.parse("tpu"));
        assertTrue(e.getMessage().contains("auto, cpu or gpu"), e.getMessage());
        assertEquals(ComputeDevice.Choice.GPU, ComputeDevice.Choice.parse(" GPU "));
    }
}
