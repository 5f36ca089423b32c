package io.neuralscribe.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of every command says in its help what happens when it is not given: an option that
 * takes a value says "(default: …)", and one with a default value shows that value (through picocli's
 * {@code ${DEFAULT-VALUE}}, or written out as it is).
 */
class OptionDefaultsTest {

    @Test
    void everyOptionShowsItsDefault() {
        List<String> problems = new ArrayList<>();
        check(new CommandLine(new Main()), problems);
        assertTrue(problems.isEmpty(), problems.size() + " options do not show their default:\n  "
                + String.join("\n  ", problems));
    }

    private static void check(CommandLine command, List<String> problems) {
        CommandSpec spec = command.getCommandSpec();
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp() || option.arity().max() == 0 || option.required()) {
                continue; // --help, --version, switches (absent means off) and options that must be given
            }
            String description = String.join(" ", option.description());
            String where = spec.qualifiedName() + " " + option.longestName() + ": \"" + description + "\"";
            if (!description.contains("default:")) {
                problems.add(where + " says nothing of its default");
                continue;
            }
            String value = option.defaultValue() != null ? option.defaultValue()
                    : option.initialValue() != null ? String.valueOf(option.initialValue()) : null;
            // Written out, an enum's default reads as the user types it (compact for COMPACT).
            if (value != null && !description.contains("${DEFAULT-VALUE}")
                    && !description.toLowerCase(java.util.Locale.ROOT).contains("default: " + value.toLowerCase(java.util.Locale.ROOT))) {
                problems.add(where + " does not show its default value " + value);
            }
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            check(sub, problems);
        }
    }
}
