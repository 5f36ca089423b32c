package io.neuralscribe.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Keeps the tests' PyTorch to one intra-op thread: a long training shares this machine's two cores. */
final class TestEngine {
    private TestEngine() {}

    static synchronized void oneThread() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
    }
}
