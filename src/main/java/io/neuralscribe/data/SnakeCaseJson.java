package io.neuralscribe.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The program's one JSON convention, shared by the wire protocol, model files and the reports the
 * commands write: snake_case names, duplicate keys refused, nothing after the value.
 *
 * <p>It lives here, left of every package that writes JSON, so that model files and the server use
 * the same mapper. Map keys are written as given (the naming strategy renames record components only),
 * which keeps a model's recipe in its own words and order.
 */
public final class SnakeCaseJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The same convention, indented: for files a person may open (model metadata, reports). */
    public static final ObjectWriter INDENTED = MAPPER.writerWithDefaultPrettyPrinter();

    private SnakeCaseJson() {}
}
