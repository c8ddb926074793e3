package dev.earmark.storage.project;

import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.audit.AuditAnchor;
import dev.earmark.storage.audit.AuditAnchors;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An open Earmark project: an embedded H2 database in a project directory (the default) or a shared
 * PostgreSQL database (team mode). Opening runs the Flyway migrations, so every project is on the
 * current schema. Thread-safe; close it once when done.
 */
public final class Project implements AutoCloseable {
  /** The H2 database file's base name inside a project directory. */
  static final String DATABASE_NAME = "earmark";

  private final DataSource dataSource;
  private final Jdbi jdbi;
  private final AutoCloseable pool;
  private final String projectId;
  private final String description;
  private final Path directory;
  private final Clock clock;
  private final AuditLog audit;
  private final Users users;

  private Project(
      DataSource dataSource, AutoCloseable pool, String description, Path directory, Clock clock) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.pool = pool;
    this.description = description;
    this.directory = directory;
    this.clock = clock;
    this.audit = new AuditLog(jdbi, clock);
    this.users = new Users(jdbi, audit, clock);
    this.projectId = initialise(description);
  }

  /** Whether {@code directory} holds an Earmark project database. */
  public static boolean exists(Path directory) {
    return Files.isRegularFile(directory.resolve(DATABASE_NAME + ".mv.db"));
  }

  /**
   * Opens the project in {@code directory}; with {@code create} the directory and database are made
   * when missing, otherwise a missing project is an error that says how to make one.
   */
  public static Project openEmbedded(Path directory, boolean create, Clock clock) {
    Path dir = directory.toAbsolutePath().normalize();
    if (!exists(dir)) {
      if (!create) {
        throw new StorageException(
            "no Earmark project in "
                + dir
                + ": create one with 'earmark demo --project "
                + dir
                + "' or 'earmark import'");
      }
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new StorageException("cannot create the project directory " + dir, e);
      }
    }
    // WRITE_DELAY=0: a commit reaches the file before it returns, so a killed process loses no
    // acknowledged save. MODE=PostgreSQL keeps one set of migrations for both databases.
    String url =
        "jdbc:h2:file:"
            + dir.resolve(DATABASE_NAME)
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "earmark", "");
    try {
      return new Project(pool, pool::dispose, dir.toString(), dir, clock);
    } catch (RuntimeException e) {
      pool.dispose();
      throw translate(e, dir.toString());
    }
  }

  /**
   * Connects to a shared PostgreSQL database (team mode). A password in the URL (user information
   * or a {@code password=} parameter) is lifted out before the URL reaches the driver, and every
   * message says the URL with {@code ***} in its place; {@code credentials}, when given, win over
   * what the URL names. Nothing here logs or stores a password.
   */
  public static Project openShared(String jdbcUrl, Credentials credentials, Clock clock) {
    String shown = redact(jdbcUrl);
    if (!jdbcUrl.regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length())) {
      throw new StorageException(
          "--db needs a PostgreSQL URL such as jdbc:postgresql://host:5432/earmark, not " + shown);
    }
    SharedUrl parsed = SharedUrl.parse(jdbcUrl);
    List<String> secrets = new ArrayList<>();
    parsed.password().ifPresent(secrets::add);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    try {
      dataSource.setURL(parsed.url());
    } catch (IllegalArgumentException e) {
      throw new StorageException("--db " + shown + " is not a PostgreSQL URL the driver accepts");
    }
    parsed.user().ifPresent(dataSource::setUser);
    parsed.password().ifPresent(dataSource::setPassword);
    if (credentials != null) {
      if (credentials.user() != null) {
        dataSource.setUser(credentials.user());
      }
      char[] password = credentials.password();
      if (password.length > 0) {
        String secret = new String(password);
        secrets.add(secret);
        dataSource.setPassword(secret);
      }
    }
    try {
      return new Project(dataSource, () -> {}, shown, null, clock);
    } catch (RuntimeException e) {
      throw scrub(translate(e, shown), secrets);
    }
  }

  /**
   * The URL with every password it carries (user information or parameter) shown as {@code ***}.
   */
  public static String redact(String jdbcUrl) {
    return SharedUrl.redact(jdbcUrl);
  }

  /** {@code e} again if its message holds no secret, else a copy with each secret as ***. */
  private static StorageException scrub(StorageException e, List<String> secrets) {
    String message = String.valueOf(e.getMessage());
    boolean leaks = false;
    for (String secret : secrets) {
      if (!secret.isEmpty() && message.contains(secret)) {
        message = message.replace(secret, "***");
        leaks = true;
      }
    }
    // The cause (driver exceptions) may quote the secret too; --debug prints it, so drop it.
    return leaks ? new StorageException(message) : e;
  }

  private String initialise(String where) {
    // Connect once first so an unreachable or locked database is one clear sentence.
    jdbi.useHandle(handle -> handle.execute("SELECT 1"));
    try {
      Flyway.configure()
          .dataSource(dataSource)
          // PostgreSQL-only migrations (row-level security) live beside the portable ones.
          .locations(
              directory == null
                  ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                  : new String[] {"classpath:db/migration"})
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StorageException(
          "the project database at "
              + where
              + " could not be brought to the current schema: "
              + rootMessage(e),
          e);
    }
    return jdbi.inTransaction(
        handle -> {
          Optional<String> existing =
              handle
                  .createQuery("SELECT project_id FROM project_meta WHERE id = 1")
                  .mapTo(String.class)
                  .findOne();
          if (existing.isPresent()) {
            return existing.get();
          }
          String id = UUID.randomUUID().toString();
          String name = directory == null ? "team project" : directory.getFileName().toString();
          handle
              .createUpdate(
                  "INSERT INTO project_meta (id, project_id, name, created_at)"
                      + " VALUES (1, :id, :name, :at)")
              .bind("id", id)
              .bind("name", name)
              .bind("at", StoredTime.now(clock))
              .execute();
          audit.append(
              handle,
              Actor.system(),
              "project.create",
              "project",
              id,
              null,
              AuditLog.json().createObjectNode().put("name", name));
          return id;
        });
  }

  private static StorageException translate(RuntimeException e, String where) {
    if (e instanceof StorageException storage) {
      return storage;
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("already in use") || message.contains("Database may be already")) {
      return new StorageException(
          "the project at " + where + " is open in another Earmark process; close it and retry", e);
    }
    if (e instanceof JdbiException) {
      return new StorageException("cannot open the project at " + where + ": " + rootMessage(e), e);
    }
    return new StorageException("cannot open the project at " + where + ": " + message, e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** Jdbi over this project's database; callers open transactions on it. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The random id every pack and batch of this project carries. */
  public String projectId() {
    return projectId;
  }

  /** The project directory, or empty in team mode. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /**
   * The append-only file of audit anchors beside the database ({@value
   * dev.earmark.storage.audit.AuditAnchors#FILE_NAME} in the project directory); empty in team
   * mode, where the anchors travel in batches and packs and a lead keeps their own file.
   */
  public Optional<AuditAnchors> anchors() {
    return directory().map(dir -> new AuditAnchors(dir.resolve(AuditAnchors.FILE_NAME)));
  }

  /**
   * Reads the audit chain's head and, in an embedded project, appends it to the anchors file.
   *
   * @param source who takes the anchor, for messages (e.g. {@code batch b-1})
   */
  public AuditAnchor anchorHead(String source) {
    AuditAnchor anchor = audit.head(source);
    anchors().ifPresent(file -> file.record(anchor));
    return anchor;
  }

  /** Where the project is, for messages: a directory, or the database URL without secrets. */
  public String description() {
    return description;
  }

  public Clock clock() {
    return clock;
  }

  public AuditLog audit() {
    return audit;
  }

  public Users users() {
    return users;
  }

  @Override
  public void close() {
    try {
      pool.close();
    } catch (Exception e) {
      throw new StorageException("the project at " + description + " did not close cleanly", e);
    }
  }
}
