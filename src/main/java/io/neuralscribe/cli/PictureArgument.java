package io.neuralscribe.cli;

import io.neuralscribe.inference.ImageDecoder;
import io.neuralscribe.inference.ImageLimits;
import io.neuralscribe.inference.InvalidImageException;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A command's picture argument, read the way the server reads uploads (same limits, same decoder). */
final class PictureArgument {
    private PictureArgument() {}

    /**
     * @return the decoded picture, or {@code null} after printing why it cannot be read (exit 2)
     * @throws CommandLine.ParameterException when there is no such file
     */
    static ImageDecoder.GrayImage decode(CommandLine commandLine, Path image) throws IOException {
        if (!Files.isRegularFile(image)) {
            throw new CommandLine.ParameterException(commandLine, image + ": no such file");
        }
        try {
            return new ImageDecoder(ImageLimits.standard()).decode(Files.readAllBytes(image));
        } catch (InvalidImageException e) {
            commandLine.getErr().println("error: " + image + ": " + e.getMessage());
            return null;
        }
    }
}
