package io.neuralscribe.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.data.ProfileException;
import io.neuralscribe.data.Profile;
import io.neuralscribe.data.ProfileSample;

import java.util.Set;

/** The edge for profile messages: {@link InboundParser} hands them here, and they leave valid or not at all. */
final class ProfileMessages {
    private static final int MAX_KEY_LENGTH = 256;

    private ProfileMessages() {}

    static Inbound.ProfileRequest parse(String type, Object id, JsonNode root) throws ProtocolException {
        return switch (type) {
            case "create_profile" -> {
                InboundParser.only(root, type, Set.of("type", "id", "profile"));
                yield new Inbound.CreateProfile(id, profile(root));
            }
            case "add_sample" -> {
                InboundParser.only(root, type, Set.of("type", "id", "profile", "strokes", "pixels", "label", "key", "token"));
                yield new Inbound.AddSample(id, profile(root), InboundParser.drawing(root), label(root), key(root),
                        InboundParser.token(root));
            }
            case "export_profile" -> {
                InboundParser.only(root, type, Set.of("type", "id", "profile", "key", "token"));
                yield new Inbound.ExportProfile(id, profile(root), key(root), InboundParser.token(root));
            }
            case "delete_profile" -> {
                InboundParser.only(root, type, Set.of("type", "id", "profile", "key", "token"));
                yield new Inbound.DeleteProfile(id, profile(root), key(root), InboundParser.token(root));
            }
            default -> {
                InboundParser.only(root, type, Set.of("type", "id"));
                yield new Inbound.ListProfiles(id);
            }
        };
    }

    /** {@code profile} on a predict: absent or null reads with the model alone. */
    static String optionalProfile(JsonNode root) throws ProtocolException {
        JsonNode node = root.get("profile");
        return node == null || node.isNull() ? null : profile(root);
    }

    /** A profile name, by {@link Profile#checkName}'s rule. */
    static String profile(JsonNode root) throws ProtocolException {
        JsonNode node = root.get("profile");
        if (node == null || node.isNull()) {
            throw new ProtocolException("missing_profile", "\"profile\" (a profile name) is required");
        }
        try {
            Profile.checkName(node.isTextual() ? node.asText() : null);
        } catch (ProfileException e) {
            throw new ProtocolException("bad_profile", "\"profile\": " + e.getMessage());
        }
        return node.asText();
    }

    private static String label(JsonNode root) throws ProtocolException {
        JsonNode node = root.get("label");
        if (node == null || node.isNull()) {
            throw new ProtocolException("missing_label", "\"label\" (the character drawn) is required");
        }
        try {
            ProfileSample.checkLabel(node.isTextual() ? node.asText() : null);
        } catch (ProfileException e) {
            throw new ProtocolException("bad_label", "\"label\": " + e.getMessage());
        }
        return node.asText();
    }

    private static String key(JsonNode root) throws ProtocolException {
        JsonNode node = root.get("key");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().length() > MAX_KEY_LENGTH) {
            throw new ProtocolException("bad_profile_key", "\"key\" must be the profile's key (a string)");
        }
        return node.asText();
    }
}
