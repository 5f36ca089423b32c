package io.neuralscribe.server;

import io.neuralscribe.data.SnakeCaseJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The server's JSON: snake_case names, no NaN or Infinity, duplicate keys refused. */
public final class Json {
    /** The program's one JSON convention ({@link SnakeCaseJson}), which model files use too. */
    public static final ObjectMapper MAPPER = SnakeCaseJson.MAPPER;

    private Json() {}

    /**
     * Where and how a client's JSON is broken, in words. Jackson's own messages describe its
     * parser ("Unexpected character ('i' (code 105))… StreamReadFeature") and never reach a client.
     */
    public static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        String what;
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException || message.startsWith("Unexpected end-of-input")) {
            what = "it ends before the JSON is complete";
        } else if (message.startsWith("Duplicate field")) {
            what = "a field appears twice";
        } else if (message.startsWith("Trailing token")) {
            what = "more text follows the JSON object";
        } else if (message.contains("nesting depth")) {
            what = "it nests too deep";
        } else if (message.contains("Number value length") || message.contains("String value length")) {
            what = "a value is too long";
        } else if (message.contains("Non-standard token")) {
            what = "NaN and Infinity are not JSON numbers";
        } else {
            what = "unexpected text";
        }
        com.fasterxml.jackson.core.JsonLocation where = e.getLocation();
        return where == null || where.getLineNr() < 1 ? what
                : what + " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
