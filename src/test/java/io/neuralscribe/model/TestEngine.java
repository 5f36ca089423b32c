package io.neuralscribe.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Keeps the tests' PyTorch to one thread, so that test suites run side by side share two cores fairly. */
public final class TestEngine {
    private TestEngine() {}

    public static synchronized void oneThread() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
    }
}
