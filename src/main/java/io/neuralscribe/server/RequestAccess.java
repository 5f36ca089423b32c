package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access step every request passes before any handler runs (Javalin before-handlers): the
 * Host a loopback server is reached under, the browser Origin of a POST or a WebSocket upgrade,
 * and the admin token of {@code POST /api/shutdown} — checked before its body is read.
 */
final class RequestAccess {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAccess.class);
    /** A shutdown body carries a token and nothing else. */
    private static final long SHUTDOWN_BODY_BYTES = 4 * 1024;
    static final String ADMIN_TOKEN_HEADER = "X-Admin-Token";

    private final AccessPolicy policy;

    RequestAccess(AccessPolicy policy) {
        this.policy = policy;
    }

    /**
     * Before every HTTP request: a foreign Host is refused everywhere; a request that changes something
     * (anything but GET and HEAD) must come from an allowed page.
     */
    void check(Context ctx) throws ProtocolException {
        if (!policy.hostAllowed(ctx.header(Header.HOST))) {
            throw new ProtocolException("forbidden_host", "this server answers only to a loopback name, not "
                    + abbreviate(ctx.header(Header.HOST)), HttpStatus.FORBIDDEN.getCode());
        }
        boolean reads = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        if (!reads && !policy.originAllowed(ctx.header(Header.ORIGIN), ctx.header(Header.HOST))) {
            throw new ProtocolException("forbidden_origin", "requests from " + abbreviate(ctx.header(Header.ORIGIN))
                    + " are not allowed", HttpStatus.FORBIDDEN.getCode());
        }
    }

    /** Before a WebSocket upgrade: the same Host and Origin rules. */
    void checkUpgrade(Context ctx) {
        String origin = ctx.header(Header.ORIGIN);
        if (!policy.hostAllowed(ctx.header(Header.HOST)) || !policy.originAllowed(origin, ctx.header(Header.HOST))) {
            LOG.warn("Refused a WebSocket from origin {} for host {}", origin, ctx.header(Header.HOST));
            throw new ForbiddenResponse("WebSocket connections from " + abbreviate(origin) + " are not allowed");
        }
    }

    /**
     * Before {@code POST /api/shutdown}: the token from {@value #ADMIN_TOKEN_HEADER}, or else from a
     * small JSON body {@code {"token": …}}. Nothing is read when no token is needed.
     */
    void checkShutdown(Context ctx) throws ProtocolException {
        if (!policy.adminRequired()) {
            return;
        }
        String token = ctx.header(ADMIN_TOKEN_HEADER);
        if (token == null && ctx.req().getContentLengthLong() != 0) {
            JsonNode body = RequestBodies.jsonObject(ctx, SHUTDOWN_BODY_BYTES);
            token = body.path("token").isTextual() ? body.path("token").asText() : null;
        }
        policy.checkAdmin(token);
    }

    /** Before a REST admin action other than shutdown: the token from {@value #ADMIN_TOKEN_HEADER}. */
    void checkAdminHeader(Context ctx) throws ProtocolException {
        policy.checkAdmin(ctx.header(ADMIN_TOKEN_HEADER));
    }

    private static String abbreviate(String text) {
        return text == null ? "(none)" : text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
