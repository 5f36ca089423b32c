package io.neuralscribe.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op threads, set per calling thread. PyTorch's OpenMP keeps the count per thread,
 * but a thread that has not set one starts from the last count set anywhere; so every thread that
 * runs tensor work sets its own: training uses all configured threads, each inference worker one.
 */
public final class TorchThreads {
    private static final ThreadLocal<Integer> CURRENT = new ThreadLocal<>();

    private TorchThreads() {}

    /** {@code -Dai.djl.pytorch.num_threads}, else one per processor. */
    public static int configured() {
        return Math.max(1, Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
    }

    /** Makes the calling thread's tensor operations use {@code threads} threads (at most the configured count). */
    public static void use(int threads) {
        int wanted = Math.max(1, Math.min(threads, configured()));
        Integer current = CURRENT.get();
        if (current == null || current != wanted) {
            Engine.getEngine("PyTorch");
            JniUtils.setNumThreads(wanted);
            CURRENT.set(wanted);
        }
    }
}
