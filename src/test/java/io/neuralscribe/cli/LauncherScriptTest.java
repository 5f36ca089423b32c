package io.neuralscribe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The {@code neuralscribe} script: the build it runs on first use writes plain text. */
class LauncherScriptTest {

    @Test
    void theFirstRunBuildWritesNoEscapeCodes() throws IOException, InterruptedException {
        Path script = Path.of("neuralscribe").toAbsolutePath();
        List<String> builds = Files.readAllLines(script).stream().filter(line -> line.contains(" mvn ")).toList();
        assertEquals(1, builds.size(), "one build command in " + script + ": " + builds);
        boolean mavenPresent = new ProcessBuilder("bash", "-c", "command -v mvn").start().waitFor() == 0;
        if (!mavenPresent) {
            System.out.println("LauncherScriptTest skipped: no mvn on the PATH");
        }
        Assumptions.assumeTrue(mavenPresent, "no mvn on the PATH");
        // The script's own command, offline and only as far as validating the project (seconds, not a build).
        String command = builds.get(0).replace(" package", " validate").replace(" mvn ", " mvn -o ");
        Process process = new ProcessBuilder("bash", "-c", "set -euo pipefail; home=\"$1\"; " + command, "build",
                script.getParent().toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertFalse(output.contains("\u001b"), "escape codes in the build's output: " + output.replace("\u001b", "ESC"));
    }
}
