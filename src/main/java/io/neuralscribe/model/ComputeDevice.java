package io.neuralscribe.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.Locale;

/**
 * Where tensors live: the CPU or a CUDA GPU. One device serves the whole process, chosen once at
 * start ({@link #select}, from a command's {@code --device}); every model, training and benchmark
 * creates its arrays on {@link #current()}, and arrays made from a model's manager follow it, so
 * nothing else names a device. Like PyTorch's thread count, it is a property of the process.
 */
public final class ComputeDevice {
    /** What a person may ask for. */
    public enum Choice {
        /** A CUDA GPU when PyTorch finds one, else the CPU. */
        AUTO,
        CPU,
        GPU;

        public static Choice parse(String text) {
            for (Choice choice : values()) {
                if (choice.name().equalsIgnoreCase(text.trim())) {
                    return choice;
                }
            }
            throw new IllegalArgumentException("unknown device '" + text + "'; expected auto, cpu or gpu");
        }
    }

    /** Why {@code --device gpu} cannot run, and how to make it run. */
    static final String NO_GPU = "no CUDA GPU is available to PyTorch. This build carries PyTorch's CPU libraries "
            + "(from Maven Central); to run on a GPU, point PYTORCH_LIBRARY_PATH at the lib folder of a CUDA 12.8 "
            + "libtorch 2.7.1 (with PYTORCH_FLAVOR=cu128) on a machine with an NVIDIA driver — see \"Running on a GPU\" "
            + "in the README — or use --device cpu (or auto)";

    private static volatile Device current = Device.cpu();

    private ComputeDevice() {}

    /** The device the process runs on: the CPU until {@link #select} chose otherwise. */
    public static Device current() {
        return current;
    }

    /**
     * Resolves {@code choice} against the GPUs PyTorch sees and makes it the process's device.
     *
     * @throws IllegalStateException for {@link Choice#GPU} when there is none, saying how to get one
     */
    public static Device select(Choice choice) {
        Device device = resolve(choice, Engine.getEngine("PyTorch").getGpuCount());
        current = device;
        return device;
    }

    /** The device {@code choice} means on a machine where PyTorch sees {@code gpuCount} GPUs. */
    static Device resolve(Choice choice, int gpuCount) {
        return switch (choice) {
            case CPU -> Device.cpu();
            case AUTO -> gpuCount > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpuCount == 0) {
                    throw new IllegalStateException(NO_GPU);
                }
                yield Device.gpu();
            }
        };
    }

    /** How the page, the status endpoint and logs name a device: {@code cpu} or {@code gpu:0}. */
    public static String describe(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType().toLowerCase(Locale.ROOT);
    }

    /**
     * Inference runs in float16 on a GPU (half the memory traffic, tensor cores) and in float32 on
     * the CPU, where PyTorch's float16 kernels are slower than float32 ones.
     */
    public static boolean halfPrecision(Device device) {
        return device.isGpu();
    }
}
