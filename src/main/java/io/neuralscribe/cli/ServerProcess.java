package io.neuralscribe.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server in its own process, for benchmarks that measure it from outside (its memory, its survival). */
final class ServerProcess {
    private static final Pattern SERVING = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/");

    private ServerProcess() {}

    /** Starts {@code serve} on loopback on a free port, with its state in {@code state}. */
    static Process start(Path model, Path state) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(serverJvmArguments(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("neuralscribe.serveHeap")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--host", "127.0.0.1", "--port", "0", "--state-dir", state.toString(), "--model", model.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * The server runs as {@code ./neuralscribe serve} would: with this JVM's arguments, but with the
     * launcher's server heap (given as {@code -Dneuralscribe.serveHeap}) in place of the larger heap
     * the benchmark itself runs with — the resident memory measured is the served one.
     */
    static List<String> serverJvmArguments(List<String> own, String serveHeap) {
        List<String> arguments = new ArrayList<>();
        for (String argument : own) {
            if (serveHeap == null || !argument.startsWith("-Xmx")) arguments.add(argument);
        }
        if (serveHeap != null) arguments.add("-Xmx" + serveHeap);
        return arguments;
    }

    /** Waits for the "serving … at http://127.0.0.1:PORT/" line; the rest of the log is drained. */
    static int portOf(Process server) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "server-log");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("the server stopped before it served");
    }
}
