package io.neuralscribe.cli;

import io.neuralscribe.data.ImageDataset;
import io.neuralscribe.train.CandidateComparison;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The train command's choice when its output already held a model: the new model (the candidate)
 * and the current one are evaluated on the same test images, then one is kept under the output's
 * name and the other set aside beside it ({@code NAME.set-aside.nsmodel}) — never replaced silently.
 */
final class CandidatePrompt {
    private final PrintWriter out;
    /** Which model to keep without asking. */
    enum Keep { CANDIDATE, CURRENT }

    /** {@code null}: ask (when there is a console), else keep the current model. */
    private final Keep choice;

    CandidatePrompt(PrintWriter out, Keep choice) {
        this.out = out;
        this.choice = choice;
    }

    void decide(Path current, Path candidate, ImageDataset test, double candidateAccuracy) throws IOException {
        out.printf("Evaluating the current %s on the same %,d test images...%n", current.getFileName(), test.size());
        out.flush();
        Double currentAccuracy;
        try {
            currentAccuracy = CandidateComparison.accuracyOf(current, test, done -> { });
        } catch (IllegalArgumentException e) {
            currentAccuracy = null;
            out.println("The current model cannot be compared: " + e.getMessage());
        }
        out.printf(Locale.ROOT, "On %s (%,d images): current %s, candidate %.2f %%%n", test.name(), test.size(),
                currentAccuracy == null ? "—" : String.format(Locale.ROOT, "%.2f %%", currentAccuracy * 100),
                candidateAccuracy * 100);
        boolean keep = choice != null ? choice == Keep.CANDIDATE : ask(currentAccuracy != null && candidateAccuracy < currentAccuracy);
        Path setAside = CandidateComparison.setAsideFile(current);
        if (keep) {
            Files.move(current, setAside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(candidate, current, StandardCopyOption.ATOMIC_MOVE);
            out.println("Kept the candidate as " + current + "; the previous model is set aside as " + setAside);
        } else {
            Files.move(candidate, setAside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("Kept the current " + current + "; the candidate is set aside as " + setAside
                    + " (train again with --keep candidate to choose it without asking)");
        }
        out.flush();
    }

    /** Asks on the console; with none (a script, a pipe) the current model stays. */
    private boolean ask(boolean worse) throws IOException {
        if (System.console() == null) {
            out.println("No one to ask (no console): keeping the current model.");
            return false;
        }
        out.print("Keep the candidate" + (worse ? " (it is worse)" : "") + "? [y/N] ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
