package io.neuralscribe.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An EMNIST {@code *-mapping.txt}: each line is a stored label and the ASCII code(s) of its
 * character. Class indices are the order of the lines, so labels that start at 1 (letters) still
 * become 0-based classes.
 */
public record LabelMapping(List<String> classes, Map<Integer, Integer> classOfLabel) {

    public static LabelMapping read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.io.FileNotFoundException(file + ": no such file");
        }
        List<String> classes = new ArrayList<>();
        Map<Integer, Integer> classOfLabel = new HashMap<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            try {
                if (fields.length < 2) {
                    throw new NumberFormatException("expected '<label> <ascii>'");
                }
                int label = Integer.parseInt(fields[0]);
                int ascii = Integer.parseInt(fields[1]);
                if (ascii < 32 || ascii > 126 || classOfLabel.containsKey(label)) {
                    throw new NumberFormatException("bad or repeated entry");
                }
                classOfLabel.put(label, classes.size());
                classes.add(String.valueOf((char) ascii));
            } catch (NumberFormatException e) {
                throw new DataFileException(file, "line " + lineNumber + " '" + trimmed + "': " + e.getMessage());
            }
        }
        if (classes.isEmpty()) {
            throw new DataFileException(file, "no classes in mapping file");
        }
        return new LabelMapping(List.copyOf(classes), Map.copyOf(classOfLabel));
    }

    public int classOf(int label) {
        Integer cls = classOfLabel.get(label);
        if (cls == null) {
            throw new IllegalArgumentException("label " + label + " is not in the mapping");
        }
        return cls;
    }
}
