package io.neuralscribe.cli;

import io.neuralscribe.model.ComputeDevice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --device auto|cpu|gpu}, shared by the commands that run a network. */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "auto", converter = Words.class,
            description = "where the network runs: auto (a CUDA GPU when PyTorch finds one, else the CPU), cpu or gpu "
                    + "(default: ${DEFAULT-VALUE}). On a GPU inference runs in float16; on the CPU everything stays float32")
    ComputeDevice.Choice choice = ComputeDevice.Choice.AUTO;

    /** Makes the chosen device the process's; fails at once, saying how to get one, for a GPU that is not there. */
    void select() {
        ComputeDevice.select(choice);
    }

    static final class Words implements ITypeConverter<ComputeDevice.Choice> {
        @Override
        public ComputeDevice.Choice convert(String value) {
            try {
                return ComputeDevice.Choice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
