package io.neuralscribe.server;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Who may do what. Browsers may open the WebSocket (and POST) only from the page's own origin or
 * an allow-listed one, so a web page the user happens to visit cannot drive the server. Admin
 * actions (train, cancel, reset, shutdown) need the admin token whenever the server listens
 * beyond loopback.
 */
public final class AccessPolicy {
    private final boolean adminRequired;
    private final byte[] adminToken;
    private final Set<String> allowedOrigins;
    private final boolean loopbackOnly;

    /**
     * @param loopbackOnly the server listens on loopback only: a page of its "own" origin must then be
     *     on a loopback name too. Otherwise a site whose DNS name is rebound to 127.0.0.1 would be
     *     same-origin (its Origin and Host both name it) and could drive a server that needs no token.
     */
    public AccessPolicy(boolean adminRequired, String adminToken, Set<String> allowedOrigins, boolean loopbackOnly) {
        if (adminRequired && (adminToken == null || adminToken.isBlank())) {
            throw new IllegalArgumentException("an admin token is required when admin actions need one");
        }
        this.adminRequired = adminRequired;
        this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
        this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(AccessPolicy::normalize).toList());
        this.loopbackOnly = loopbackOnly;
    }

    /**
     * A literal loopback address ({@code 127.0.0.0/8}, {@code ::1}) or exactly {@code localhost}.
     * Never a DNS name that merely starts like one: {@code 127.0.0.1.rebind.example} is whatever its
     * owner makes it resolve to, and a page served from it must not count as this server's own.
     * No lookup is made; the text alone decides.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return octets[0].equals("127");
    }

    /** The host of a {@code Host} header ({@code name[:port]}, {@code [v6][:port]}). */
    static String hostOf(String hostHeader) {
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(0, close + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /**
     * Whether a request naming {@code hostHeader} may be served. On a loopback-only server the
     * Host must be a loopback name: a browser that reaches us under any other name was sent here
     * by DNS rebinding, and even reading {@code /api/status} must then be refused. A server that
     * listens beyond loopback is reached under names we cannot know; its admin token guards it.
     */
    public boolean hostAllowed(String hostHeader) {
        return !loopbackOnly || hostHeader == null || isLoopback(hostOf(hostHeader));
    }

    public static String generateToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public boolean adminRequired() {
        return adminRequired;
    }

    /**
     * @param origin the request's {@code Origin} header, or {@code null} (not a browser)
     * @param host the request's {@code Host} header
     */
    public boolean originAllowed(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalized = normalize(origin);
        if (allowedOrigins.contains(normalized)) {
            return true;
        }
        try {
            URI uri = URI.create(normalized);
            String authority = uri.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host)
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && (!loopbackOnly || (uri.getHost() != null && isLoopback(uri.getHost())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The access step for a WebSocket message: an {@link Inbound.AdminRequest} (training, keeping
     * or discarding a model, reset, shutdown) carries the admin token when one is needed;
     * predictions and pings need none.
     */
    public void checkAdmin(Inbound message) throws ProtocolException {
        if (message instanceof Inbound.AdminRequest admin) {
            checkAdmin(admin.token());
        }
    }

    public void checkAdmin(String token) throws ProtocolException {
        if (!adminRequired) {
            return;
        }
        if (token == null || token.isEmpty()) {
            throw new ProtocolException("admin_token_required",
                    "this action needs the admin token the server printed at start", 401);
        }
        if (!MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            throw new ProtocolException("bad_admin_token", "the admin token is wrong", 403);
        }
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
