package io.neuralscribe.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads request bodies within a limit, counted while they stream. Javalin's own limit looks only
 * at Content-Length, so a chunked body (which has none) would be read whole into memory; here the
 * read stops at the limit whatever the framing, and the connection is closed after the 413.
 */
final class RequestBodies {
    private RequestBodies() {}

    /** The body as a JSON object, at most {@code limit} bytes, sent as {@code application/json}. */
    static JsonNode jsonObject(Context ctx, long limit) throws ProtocolException {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ProtocolException("unsupported_media_type", "send the body as application/json",
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode());
        }
        byte[] bytes = bytes(ctx, limit);
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("bad_json", "the body is not valid JSON: " + Json.describe(e)
                    + "; expected one JSON object");
        } catch (IOException e) {
            throw new ProtocolException("bad_json", "the body could not be read as JSON");
        }
        if (body == null || !body.isObject()) {
            throw new ProtocolException("bad_message", "the body must be a JSON object");
        }
        return body;
    }

    /** The raw body, refused with 413 as soon as it passes {@code limit} bytes. */
    static byte[] bytes(Context ctx, long limit) throws ProtocolException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(ctx, limit);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, 64 * 1024)));
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = ctx.req().getInputStream();
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (body.size() + (long) n > limit) {
                    throw tooLarge(ctx, limit);
                }
                body.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ProtocolException("bad_body", "the body could not be read: " + e.getMessage());
        }
        return body.toByteArray();
    }

    private static ProtocolException tooLarge(Context ctx, long limit) {
        // The rest of the body is never read: this connection cannot carry another request.
        ctx.header(Header.CONNECTION, "close");
        return new ProtocolException("body_too_large", "the body is larger than the limit of " + limit + " bytes",
                HttpStatus.CONTENT_TOO_LARGE.getCode());
    }
}
