package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import io.neuralscribe.data.Profile;
import io.neuralscribe.data.ProfileException;
import io.neuralscribe.inference.Drawing;
import io.neuralscribe.inference.ProfileLearner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Personal profiles over REST and the WebSocket: create, add a sample, export, import, delete,
 * list. Both ways end in {@link #handle}, so they answer alike.
 *
 * <p>Who may write: on loopback, anyone on this machine (like every other action). Beyond it,
 * adding to, exporting, importing or deleting a profile needs its own key — returned once, when
 * the profile is created, and kept only as a SHA-256 hash — or the admin token. Reading with a
 * profile ({@code predict}'s {@code "profile"}) needs neither: it reveals no drawing.
 */
final class ProfileEndpoints {
    static final String KEY_HEADER = "X-Profile-Key";
    static final String TOKEN_HEADER = "X-Admin-Token";

    /** Reads a JSON request body after the server's origin and content-type checks. */
    interface JsonBody {
        JsonNode read(Context ctx) throws ProtocolException;
    }

    record ProfileCreated(String type, Object id, String profile, String key) {}

    record SampleAdded(String type, Object id, String profile, String label, int samples) {}

    record ProfileExport(String type, Object id, String profile, int samples, String jsonl) {}

    record ProfilesImported(String type, Object id, String profile, int added, int samples) {}

    record ProfileDeleted(String type, Object id, String profile) {}

    record ProfileList(String type, Object id, List<Profile> profiles) {}

    private final ProfileLearner learner;
    private final AccessPolicy policy;

    ProfileEndpoints(ProfileLearner learner, AccessPolicy policy) {
        this.learner = learner;
        this.policy = policy;
    }

    /** @throws ProtocolException unknown_profile when a predict names a profile that does not exist */
    void checkExists(String profile) throws ProtocolException {
        if (profile != null && learner.store().find(profile).isEmpty()) {
            throw notFound(profile);
        }
    }

    /** The answer to one profile message. */
    Object handle(Inbound.ProfileRequest request) throws ProtocolException {
        try {
            if (request instanceof Inbound.CreateProfile create) {
                String key = AccessPolicy.generateToken();
                learner.store().create(create.profile(), sha256(key));
                return new ProfileCreated("profile_created", create.id(), create.profile(), key);
            }
            if (request instanceof Inbound.AddSample add) {
                checkWrite(add.profile(), add.key(), add.token());
                float[] view = add.drawing().view();
                if (view == null) {
                    throw new ProtocolException("nothing_drawn", "the drawing is empty: nothing to learn from");
                }
                learner.add(add.profile(), add.label(), add.drawing() instanceof Drawing.Strokes s ? s.strokes() : null,
                        view);
                return new SampleAdded("sample_added", add.id(), add.profile(), add.label(), count(add.profile()));
            }
            if (request instanceof Inbound.ExportProfile export) {
                checkWrite(export.profile(), export.key(), export.token());
                StringWriter lines = new StringWriter();
                int samples = learner.store().export(export.profile(), lines);
                return new ProfileExport("profile_export", export.id(), export.profile(), samples, lines.toString());
            }
            if (request instanceof Inbound.DeleteProfile delete) {
                checkWrite(delete.profile(), delete.key(), delete.token());
                learner.delete(delete.profile());
                return new ProfileDeleted("profile_deleted", delete.id(), delete.profile());
            }
            return new ProfileList("profiles", request.id(), learner.store().list());
        } catch (ProfileException e) {
            throw translate(e, request.profile());
        } catch (IOException e) {
            throw new ProtocolException("internal_error", "the profile could not be written out: " + e.getMessage(), 500);
        }
    }

    /** Registers the REST routes; {@code body} is the server's JSON body reader. */
    void routes(JavalinDefaultRouting router, JsonBody body) {
        router.get("/api/profiles", ctx -> ctx.json(handle(new Inbound.ListProfiles(null))));
        router.post("/api/profiles", ctx -> {
            JsonNode json = body.read(ctx);
            ObjectNode message = Json.MAPPER.createObjectNode().put("type", "create_profile");
            if (json.has("name")) {
                message.set("profile", json.get("name"));
            }
            ctx.status(201).json(handle(parse(message, "name")));
        });
        router.post("/api/profiles/{name}/samples", ctx -> {
            ObjectNode message = (ObjectNode) body.read(ctx);
            message.put("type", "add_sample").put("profile", ctx.pathParam("name"));
            credentials(ctx, message);
            ctx.status(201).json(handle(parse(message, null)));
        });
        router.get("/api/profiles/{name}/export", ctx -> {
            checkOrigin(ctx);
            ObjectNode message = Json.MAPPER.createObjectNode().put("type", "export_profile")
                    .put("profile", ctx.pathParam("name"));
            credentials(ctx, message);
            ProfileExport export = (ProfileExport) handle(parse(message, null));
            ctx.contentType("application/x-ndjson; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + export.profile() + ".jsonl\"")
                    .result(export.jsonl());
        });
        router.post("/api/profiles/{name}/import", this::restImport);
        router.delete("/api/profiles/{name}", ctx -> {
            checkOrigin(ctx);
            ObjectNode message = Json.MAPPER.createObjectNode().put("type", "delete_profile")
                    .put("profile", ctx.pathParam("name"));
            credentials(ctx, message);
            ctx.json(handle(parse(message, null)));
        });
    }

    /** {@code POST /api/profiles/{name}/import}: an export's JSON lines, added all or none. */
    private void restImport(Context ctx) throws ProtocolException {
        checkOrigin(ctx);
        String name = ctx.pathParam("name");
        ObjectNode message = Json.MAPPER.createObjectNode().put("type", "export_profile").put("profile", name);
        credentials(ctx, message);
        Inbound.ExportProfile request = (Inbound.ExportProfile) parse(message, null);
        try {
            checkWrite(name, request.key(), request.token());
            String text = new String(RequestBodies.bytes(ctx, ServerOptions.MAX_BODY_BYTES), StandardCharsets.UTF_8);
            int added = learner.importFrom(name, new BufferedReader(new StringReader(text))).size();
            ctx.json(new ProfilesImported("profile_imported", null, name, added, count(name)));
        } catch (ProfileException e) {
            throw translate(e, name);
        } catch (IOException e) {
            throw new ProtocolException("internal_error", "the import could not be read: " + e.getMessage(), 500);
        }
    }

    private static Inbound.ProfileRequest parse(ObjectNode message, String nameField) throws ProtocolException {
        try {
            return (Inbound.ProfileRequest) InboundParser.parse(message);
        } catch (ProtocolException e) {
            // The REST body says "name" where the message says "profile".
            if (nameField != null && e.getMessage().contains("\"profile\"")) {
                throw new ProtocolException(e.code(), e.getMessage().replace("\"profile\"", "\"" + nameField + "\""));
            }
            throw e;
        }
    }

    /** The key and token of a REST request: headers, unless the body gave them. */
    private static void credentials(Context ctx, ObjectNode message) {
        if (!message.has("key") && ctx.header(KEY_HEADER) != null) {
            message.put("key", ctx.header(KEY_HEADER));
        }
        if (!message.has("token") && ctx.header(TOKEN_HEADER) != null) {
            message.put("token", ctx.header(TOKEN_HEADER));
        }
    }

    private void checkOrigin(Context ctx) throws ProtocolException {
        if (!policy.originAllowed(ctx.header("Origin"), ctx.header("Host"))) {
            throw new ProtocolException("forbidden_origin", "requests from " + ctx.header("Origin") + " are not allowed", 403);
        }
    }

    private void checkWrite(String profile, String key, String token) throws ProtocolException {
        Optional<String> hash = learner.store().keyHash(profile);
        if (!policy.adminRequired()) {
            return;
        }
        if (key != null && hash.isPresent()
                && MessageDigest.isEqual(hash.get().getBytes(StandardCharsets.US_ASCII),
                        sha256(key).getBytes(StandardCharsets.US_ASCII))) {
            return;
        }
        if (token == null) {
            throw key == null
                    ? new ProtocolException("profile_key_required", "writing to a profile from another machine needs "
                            + "its key (given when it was created) or the admin token", 401)
                    : new ProtocolException("bad_profile_key", "the profile key is wrong", 403);
        }
        policy.checkAdmin(token);
    }

    private int count(String profile) {
        return learner.store().find(profile).map(Profile::samples).orElse(0);
    }

    private static ProtocolException translate(ProfileException e, String profile) {
        return switch (e.reason()) {
            case NOT_FOUND -> notFound(profile);
            case EXISTS -> new ProtocolException("profile_exists", e.getMessage(), 409);
            case INVALID -> new ProtocolException("bad_profile_data", e.getMessage());
        };
    }

    private static ProtocolException notFound(String profile) {
        return new ProtocolException("unknown_profile", "no profile named '" + profile + "'", 404);
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
