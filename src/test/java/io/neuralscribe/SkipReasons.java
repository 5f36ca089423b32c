package io.neuralscribe;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.io.PrintStream;

/**
 * Prints on the console why a test did not run — an assumption that failed (no data folder, no
 * Chromium) or a disabled test — which Surefire otherwise keeps in its XML reports only. Registered
 * for every run through {@code META-INF/services}.
 */
public final class SkipReasons implements TestExecutionListener {
    private final PrintStream out;

    public SkipReasons() {
        this(System.out);
    }

    SkipReasons(PrintStream out) {
        this.out = out;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        print(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            print(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private void print(TestIdentifier test, String reason) {
        String name = test.getSource().map(source -> source instanceof MethodSource method
                ? simpleName(method.getClassName()) + "." + method.getMethodName()
                : source instanceof ClassSource type ? simpleName(type.getClassName()) : null)
                .orElse(test.getDisplayName());
        String why = reason == null ? "" : reason.replaceFirst("^Assumption failed: ", "").replaceFirst("^SKIPPED: ", "");
        out.println("SKIPPED " + name + ": " + why);
        out.flush();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
