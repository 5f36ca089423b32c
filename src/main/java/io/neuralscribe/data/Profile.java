package io.neuralscribe.data;

import java.util.regex.Pattern;

/**
 * A person's profile: the characters they taught the reader.
 *
 * @param name its unique name (see {@link #checkName})
 * @param samples how many samples it holds
 * @param createdMs when it was created, milliseconds since the epoch
 */
public record Profile(String name, int samples, long createdMs) {
    public static final int MAX_NAME_LENGTH = 40;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (MAX_NAME_LENGTH - 1) + "}");

    /** Names: 1–40 letters, digits, '_', '.', '-', starting with a letter or digit (safe in a URL path). */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ProfileException(ProfileException.Reason.INVALID, "a profile name is 1-" + MAX_NAME_LENGTH
                    + " letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
    }
}
