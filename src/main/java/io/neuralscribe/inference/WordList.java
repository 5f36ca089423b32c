package io.neuralscribe.inference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Words the reader may prefer when the network hesitates: a plain-text file, one word a line.
 * Only words spelled with the letters a–z (either case) are kept, lower-cased — those are the
 * words a character model can spell; names with accents, possessives and blank lines are skipped.
 * The project ships a small English list ({@code words/english.txt}, licence beside it).
 */
public final class WordList {
    private static final String ENGLISH = "/words/english.txt";

    private final Set<String> words;
    private final Map<Integer, List<String>> byLength;

    private WordList(Set<String> words) {
        this.words = Set.copyOf(words);
        Map<Integer, List<String>> lengths = new HashMap<>();
        for (String word : this.words) {
            lengths.computeIfAbsent(word.length(), k -> new ArrayList<>()).add(word);
        }
        lengths.replaceAll((k, v) -> List.copyOf(v));
        this.byLength = Map.copyOf(lengths);
    }

    /** @throws IOException when the file cannot be read or holds no usable word */
    public static WordList read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.io.FileNotFoundException(file + ": no such file");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    /** The English list that ships with the program. */
    public static WordList english() {
        try (InputStream in = WordList.class.getResourceAsStream(ENGLISH)) {
            if (in == null) {
                throw new IllegalStateException("the English word list is missing from the program");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), ENGLISH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WordList of(List<String> words) {
        Set<String> kept = new HashSet<>();
        for (String word : words) {
            if (spellable(word)) {
                kept.add(word.toLowerCase(Locale.ROOT));
            }
        }
        return new WordList(kept);
    }

    private static WordList parse(BufferedReader reader, String name) throws IOException {
        Set<String> kept = new HashSet<>();
        for (String line; (line = reader.readLine()) != null; ) {
            String word = line.strip();
            if (spellable(word)) {
                kept.add(word.toLowerCase(Locale.ROOT));
            }
        }
        if (kept.isEmpty()) {
            throw new IOException(name + ": no words of the letters a-z, one a line");
        }
        return new WordList(kept);
    }

    private static boolean spellable(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    }

    /** Whether the word is listed, whatever its case. */
    public boolean contains(String word) {
        return words.contains(word.toLowerCase(Locale.ROOT));
    }

    /** The listed words of that many letters, lower case. */
    public List<String> ofLength(int length) {
        return byLength.getOrDefault(length, List.of());
    }

    public int size() {
        return words.size();
    }
}
