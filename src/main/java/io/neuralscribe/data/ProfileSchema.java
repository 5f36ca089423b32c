package io.neuralscribe.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The profile database's schema, created and brought up to date by the program itself. Each entry
 * of {@link #MIGRATIONS} takes the schema from version {@code i} to {@code i + 1}; the version a file
 * is at is kept in the one-row table {@code schema_version}. A migration and its version bump commit
 * together, so a file is always at exactly one version. Append new migrations; never edit old ones.
 */
final class ProfileSchema {
    static final List<String[]> MIGRATIONS = List.of(
            new String[] {
                "CREATE TABLE profiles (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL)",
                // strokes: the page's drawing as JSON, NULL for a sample sent as pixels; view: 784 float32, little-endian
                "CREATE TABLE samples (id INTEGER PRIMARY KEY, "
                        + "profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE, "
                        + "label TEXT NOT NULL, strokes TEXT, view BLOB NOT NULL, created_ms INTEGER NOT NULL)",
                "CREATE INDEX samples_by_profile ON samples(profile_id, id)"
            },
            new String[] {
                // SHA-256 of the profile's own key (hex), or NULL: writing to a profile beyond loopback needs it
                "ALTER TABLE profiles ADD COLUMN key_hash TEXT"
            });

    static final int CURRENT = MIGRATIONS.size();

    private ProfileSchema() {}

    /** Brings the database up to {@link #CURRENT}; refuses a file written by a newer program. */
    static void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        }
        int version = version(connection);
        if (version > CURRENT) {
            throw new SQLException("the profile database is at schema version " + version
                    + ", newer than this program's " + CURRENT + "; use a newer NeuralScribe");
        }
        for (int v = version; v < CURRENT; v++) {
            migrateStep(connection, v);
        }
    }

    /** Runs migration {@code from} (to version {@code from + 1}) in its own transaction. */
    static void migrateStep(Connection connection, int from) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : MIGRATIONS.get(from)) {
                statement.execute(sql);
            }
            statement.execute("DELETE FROM schema_version");
            statement.execute("INSERT INTO schema_version (version) VALUES (" + (from + 1) + ")");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The {@code view} column: 784 float32, little-endian. */
    static byte[] toBlob(float[] view) {
        ByteBuffer buffer = ByteBuffer.allocate(view.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(view);
        return buffer.array();
    }

    static float[] fromBlob(byte[] blob) {
        float[] view = new float[blob.length / Float.BYTES];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(view);
        return view;
    }

    static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
