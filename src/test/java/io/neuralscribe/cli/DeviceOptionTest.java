package io.neuralscribe.cli;

import ai.djl.Device;
import io.neuralscribe.model.ComputeDevice;
import io.neuralscribe.model.TestEngine;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static io.neuralscribe.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --device} on the commands that run a network. */
class DeviceOptionTest {
    private static final String[] COMMANDS = {"train", "evaluate", "serve", "bench"};

    @Test
    void everyNetworkCommandTakesTheOptionDefaultingToAuto() {
        for (String command : COMMANDS) {
            assertEquals(ComputeDevice.Choice.CPU, parsed(command, "--device", "cpu").choice, command);
            assertEquals(ComputeDevice.Choice.GPU, parsed(command, "--device", "GPU").choice, command);
            assertEquals(ComputeDevice.Choice.AUTO, parsed(command).choice, command);
        }
    }

    private static DeviceOption parsed(String... args) {
        CommandLine.ParseResult result = Main.commandLine().parseArgs(args);
        return (DeviceOption) result.subcommand().commandSpec().mixins().get("device").userObject();
    }

    @Test
    void unknownDeviceIsABadArgument() {
        for (String command : COMMANDS) {
            CommandLineTest.Run result = run(command, "--device", "tpu");
            assertEquals(2, result.exit(), command + ": " + result.err());
            assertTrue(result.err().contains("expected auto, cpu or gpu"), result.err());
        }
    }

    @Test
    void gpuWithoutOneFailsAtOnceWithTheWayToRunOnOne() {
        TestEngine.oneThread();
        for (String command : COMMANDS) {
            CommandLineTest.Run result = run(command, "--device", "gpu");
            assertEquals(1, result.exit(), command + ": " + result.err());
            assertTrue(result.err().startsWith("error: no CUDA GPU is available to PyTorch"), result.err());
            assertTrue(result.err().contains("PYTORCH_LIBRARY_PATH"), result.err());
            assertEquals(Device.cpu(), ComputeDevice.current(), "a refused GPU leaves the CPU in use");
        }
    }
}
