package io.neuralscribe.data;

import io.neuralscribe.raster.Grid;
import io.neuralscribe.raster.Stroke;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * People's profiles and the samples they taught, in one embedded SQLite file.
 *
 * <p>Durability: the file runs in WAL mode and every write is one transaction, so a process killed
 * at any moment (kill -9) leaves the database whole, holding every write that returned; only the
 * one being written can be lost. ({@code synchronous=NORMAL}: a power cut, unlike a killed process,
 * may also roll back the last few commits — never corrupt the file.)
 *
 * <p>Deleting is for real: {@code secure_delete} overwrites freed pages with zeros, and a delete is
 * followed by a WAL checkpoint, {@code VACUUM} and a second checkpoint that empties the WAL, so none
 * of the person's drawings stays readable in the database or its WAL.
 *
 * <p>One connection, every method synchronized: writes are a few milliseconds, and SQLite takes
 * one writer at a time anyway. The rules for names and labels live with their records
 * ({@link Profile#checkName}, {@link ProfileSample#checkLabel}); the server validates with them at its edge.
 */
public final class ProfileStore implements AutoCloseable {
    private final Path file;
    private final Connection connection;

    private ProfileStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens the file, creating it (and its folder) or migrating its schema as needed. */
    public static ProfileStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA foreign_keys=ON");
                statement.execute("PRAGMA secure_delete=ON");
                statement.execute("PRAGMA busy_timeout=5000");
                ProfileSchema.migrate(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new ProfileStore(file, connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the profile database " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * @param keyHash the hash of the profile's own key (see the server), or {@code null} for none
     * @throws ProfileException EXISTS when the name is taken
     */
    public synchronized Profile create(String name, String keyHash) {
        Profile.checkName(name);
        long now = System.currentTimeMillis();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO profiles (name, created_ms, key_hash) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING")) {
            insert.setString(1, name);
            insert.setLong(2, now);
            insert.setString(3, keyHash);
            if (insert.executeUpdate() == 0) {
                throw new ProfileException(ProfileException.Reason.EXISTS, "a profile named '" + name + "' exists");
            }
            return new Profile(name, 0, now);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static final String PROFILE_ROWS = "SELECT p.name, p.created_ms, "
            + "(SELECT COUNT(*) FROM samples s WHERE s.profile_id = p.id) FROM profiles p";

    public synchronized List<Profile> list() {
        return profiles(PROFILE_ROWS + " ORDER BY p.name", null);
    }

    /** One profile by name (one indexed lookup: predictions check their profile with it). */
    public synchronized Optional<Profile> find(String name) {
        return profiles(PROFILE_ROWS + " WHERE p.name = ?", name).stream().findFirst();
    }

    private List<Profile> profiles(String sql, String name) {
        List<Profile> profiles = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (name != null) {
                query.setString(1, name);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    profiles.add(new Profile(rows.getString(1), rows.getInt(3), rows.getLong(2)));
                }
            }
            return profiles;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The hash of the profile's key, empty when it has none. */
    public synchronized Optional<String> keyHash(String name) {
        try (PreparedStatement query = connection.prepareStatement("SELECT key_hash FROM profiles WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw notFound(name);
                }
                return Optional.ofNullable(rows.getString(1));
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Adds one sample in one transaction.
     *
     * @param strokes the drawing, or {@code null} when it came as pixels
     * @param view its 28×28 view (for strokes: {@code StrokeRenderer.render(strokes)})
     */
    public synchronized ProfileSample addSample(String profile, String label, List<Stroke> strokes, float[] view) {
        ProfileSample.checkLabel(label);
        if (view == null || view.length != Grid.PIXELS) {
            throw new ProfileException(ProfileException.Reason.INVALID, "a sample needs a 28×28 view");
        }
        long id = profileId(profile);
        long now = System.currentTimeMillis();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO samples (profile_id, label, strokes, view, created_ms) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            long sampleId = insertSample(insert, id, label, strokes, view, now);
            return new ProfileSample(sampleId, label, strokes, view.clone(), now);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Every sample of the profile, oldest first. */
    public synchronized List<ProfileSample> samples(String profile) {
        long id = profileId(profile);
        List<ProfileSample> samples = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, label, strokes, view, created_ms FROM samples WHERE profile_id = ? ORDER BY id")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String strokes = rows.getString(3);
                    samples.add(new ProfileSample(rows.getLong(1), rows.getString(2),
                            strokes == null ? null : ProfileJson.strokes(strokes), ProfileSchema.fromBlob(rows.getBytes(4)),
                            rows.getLong(5)));
                }
            }
            return samples;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Removes the profile and every sample, and scrubs them from the file (see the class comment). */
    public synchronized void delete(String profile) {
        long id = profileId(profile);
        try (Statement statement = connection.createStatement()) {
            // The samples go with their profile (ON DELETE CASCADE), in the same transaction.
            statement.executeUpdate("DELETE FROM profiles WHERE id = " + id);
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            statement.execute("VACUUM");
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Writes the profile's samples as JSON lines (see {@link ProfileJson}); returns how many. */
    public int export(String profile, Writer out) throws IOException {
        List<ProfileSample> samples = samples(profile);
        for (ProfileSample sample : samples) {
            out.write(ProfileJson.exportLine(sample));
            out.write('\n');
        }
        out.flush();
        return samples.size();
    }

    /**
     * Adds every sample of an export to the profile, all or none: one bad line (named in the error)
     * and nothing is added.
     *
     * @return the samples added
     */
    public synchronized List<ProfileSample> importFrom(String profile, BufferedReader in) throws IOException {
        long id = profileId(profile);
        List<ProfileJson.Imported> lines = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (!line.isBlank()) {
                lines.add(ProfileJson.importLine(number, line));
            }
        }
        List<ProfileSample> added = new ArrayList<>(lines.size());
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO samples (profile_id, label, strokes, view, created_ms) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (ProfileJson.Imported sample : lines) {
                    long sampleId = insertSample(insert, id, sample.label(), sample.strokes(), sample.view(),
                            sample.createdMs());
                    added.add(new ProfileSample(sampleId, sample.label(), sample.strokes(), sample.view(),
                            sample.createdMs()));
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return added;
    }

    private long insertSample(PreparedStatement insert, long profileId, String label, List<Stroke> strokes,
            float[] view, long createdMs) throws SQLException {
        insert.setLong(1, profileId);
        insert.setString(2, label);
        insert.setString(3, strokes == null ? null : ProfileJson.strokes(strokes));
        insert.setBytes(4, ProfileSchema.toBlob(view));
        insert.setLong(5, createdMs);
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private long profileId(String name) {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM profiles WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw notFound(name);
                }
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static ProfileException notFound(String name) {
        return new ProfileException(ProfileException.Reason.NOT_FOUND, "no profile named '" + name + "'");
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("profile database: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failed(e);
        }
    }
}
