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

    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.equals("[::1]") || h.startsWith("127.");
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
