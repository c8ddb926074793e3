package dev.earmark.storage.project;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.earmark.storage.FaultPoints;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.StoredTime;
import dev.earmark.storage.audit.AuditAction;
import dev.earmark.storage.audit.AuditAnchor;
import dev.earmark.storage.audit.AuditAnchors;
import dev.earmark.storage.audit.AuditLog;
import dev.earmark.storage.team.Users;
import dev.earmark.storage.user.Actor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
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
  private final List<String> recovered;

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
    // Finish any batch or pack a crash left recorded but not yet renamed into place (issue 19).
    this.recovered = Publications.recover(jdbi);
  }

  /**
   * The file that marks a project whose creation has not finished (issue 19): written before the
   * database is made, deleted by {@link #finishCreation} once the creating command succeeded.
   */
  static final String CREATING_MARKER = "earmark.creating";

  /** The copy of the database kept while an upgrade migration runs (issue 19). */
  static final String MIGRATION_BACKUP = DATABASE_NAME + ".mv.db.before-upgrade";

  /** Whether {@code directory} holds an Earmark project database whose creation finished. */
  public static boolean exists(Path directory) {
    return Files.isRegularFile(directory.resolve(DATABASE_NAME + ".mv.db"))
        && !interruptedCreation(directory);
  }

  /**
   * Whether a command that was creating a project in {@code directory} stopped before it finished
   * (killed, or refused without cleaning up). Such a directory holds only what that command wrote,
   * so creating the project again discards it.
   */
  public static boolean interruptedCreation(Path directory) {
    return Files.exists(directory.resolve(CREATING_MARKER));
  }

  /**
   * Opens the project in {@code directory}; with {@code create} the directory and database are made
   * when missing (atomically: {@link #createEmbedded} then {@link #finishCreation}), otherwise a
   * missing project is an error that says how to make one. An upgrade migration works on the
   * database with a copy of it kept aside; a copy left by a crash is restored first, so an
   * interrupted upgrade simply runs again.
   */
  public static Project openEmbedded(Path directory, boolean create, Clock clock) {
    Path dir = directory.toAbsolutePath().normalize();
    if (!exists(dir)) {
      if (!create) {
        if (interruptedCreation(dir)) {
          throw new StorageException(
              "the project in "
                  + dir
                  + " was still being created when Earmark stopped, so it is incomplete; run the"
                  + " command that creates it again (it starts over), or delete "
                  + dir);
        }
        throw new StorageException(
            "no Earmark project in "
                + dir
                + ": create one with 'earmark demo --project "
                + dir
                + "' or 'earmark import'");
      }
      Project created = createEmbedded(dir, clock);
      created.finishCreation();
      return created;
    }
    restoreInterruptedUpgrade(dir);
    return open(dir, clock, true);
  }

  /**
   * Starts creating a project in {@code directory}, which must be missing or empty (or hold a
   * creation that never finished, which is discarded): writes the creation marker, then makes and
   * migrates the database. Until {@link #finishCreation} runs the project does not {@link #exists};
   * a command that fails calls {@link #discardCreation}, and a killed one leaves the marker, so the
   * next creation starts over.
   *
   * @throws StorageException when the directory holds anything else
   */
  public static Project createEmbedded(Path directory, Clock clock) {
    Path dir = directory.toAbsolutePath().normalize();
    if (interruptedCreation(dir)) {
      discardCreation(dir);
    }
    try {
      Files.createDirectories(dir);
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new StorageException(
              dir + " is not empty; create a project in a new or empty directory.");
        }
      }
      Files.write(
          dir.resolve(CREATING_MARKER),
          "An Earmark command is creating a project here; if none runs, it was interrupted.\n"
              .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StorageException("cannot create the project directory " + dir, e);
    }
    FaultPoints.reach("create.marked");
    return open(dir, clock, false);
  }

  /**
   * Ends the creation {@link #createEmbedded} started: from now on the project exists. Does nothing
   * for a project that was not being created.
   */
  public void finishCreation() {
    if (directory == null) {
      return;
    }
    FaultPoints.reach("create.before-finish");
    try {
      Files.deleteIfExists(directory.resolve(CREATING_MARKER));
    } catch (IOException e) {
      throw new StorageException(
          "could not finish creating the project in " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes everything in {@code directory}, a project whose creation did not finish (the marker
   * says the directory was empty before). Call it after closing the project.
   *
   * @throws StorageException when {@code directory} is not such a project
   */
  public static void discardCreation(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    if (!interruptedCreation(dir)) {
      throw new StorageException(dir + " holds no unfinished project creation to discard.");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path path : paths) {
        // The marker goes last, so an interrupted discard is still recognised as one.
        if (!path.equals(dir) && !path.getFileName().toString().equals(CREATING_MARKER)) {
          Files.deleteIfExists(path);
        }
      }
      Files.deleteIfExists(dir.resolve(CREATING_MARKER));
    } catch (IOException e) {
      throw new StorageException(
          "could not discard the unfinished project in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** An upgrade cut off by a crash left its copy of the database: put it back before opening. */
  private static void restoreInterruptedUpgrade(Path dir) {
    Path backup = dir.resolve(MIGRATION_BACKUP);
    if (Files.exists(backup)) {
      try {
        Files.move(
            backup,
            dir.resolve(DATABASE_NAME + ".mv.db"),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new StorageException(
            "an upgrade of the project in "
                + dir
                + " was interrupted and its copy "
                + backup
                + " could not be put back ("
                + e.getMessage()
                + "); copy it over "
                + DATABASE_NAME
                + ".mv.db by hand and open the project again",
            e);
      }
    }
  }

  private static Project open(Path dir, Clock clock, boolean backupBeforeUpgrade) {
    // WRITE_DELAY=0: a commit reaches the file before it returns, so a killed process loses no
    // acknowledged save. MODE=PostgreSQL keeps one set of migrations for both databases.
    String url =
        "jdbc:h2:file:"
            + dir.resolve(DATABASE_NAME)
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "earmark", "");
    try {
      if (backupBeforeUpgrade && upgradePending(pool, dir)) {
        // Copy the database aside while it is closed; the copy is what a crash rolls back to.
        pool.dispose();
        backUp(dir);
        pool = JdbcConnectionPool.create(url, "earmark", "");
        Project project = new Project(pool, closer(pool, url), dir.toString(), dir, clock);
        try {
          Files.deleteIfExists(dir.resolve(MIGRATION_BACKUP));
        } catch (IOException e) {
          project.close();
          throw new StorageException("could not remove " + MIGRATION_BACKUP + " in " + dir, e);
        }
        return project;
      }
      return new Project(pool, closer(pool, url), dir.toString(), dir, clock);
    } catch (RuntimeException e) {
      pool.dispose();
      throw translate(e, dir.toString());
    }
  }

  /** Closing an embedded project also gives a mostly free H2 file back to the disk. */
  private static AutoCloseable closer(JdbcConnectionPool pool, String url) {
    return () -> EmbeddedCompaction.closeAndCompact(pool, url);
  }

  private static boolean upgradePending(DataSource dataSource, Path dir) {
    if (SchemaHistory.current(dataSource, true)) {
      return false;
    }
    try {
      return flyway(dataSource, true).info().pending().length > 0;
    } catch (FlywayException e) {
      return false; // migrate() reports it with the full sentence
    }
  }

  private static void backUp(Path dir) {
    Path database = dir.resolve(DATABASE_NAME + ".mv.db");
    Path partial = dir.resolve(MIGRATION_BACKUP + ".partial");
    try {
      Files.copy(database, partial, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(partial, dir.resolve(MIGRATION_BACKUP), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException(
          "could not copy the project database in "
              + dir
              + " before upgrading it ("
              + e.getMessage()
              + "); free some disk space and open it again",
          e);
    }
    FaultPoints.reach("migrate.backed-up");
  }

  private static Flyway flyway(DataSource dataSource, boolean embedded) {
    return Flyway.configure()
        .dataSource(dataSource)
        // PostgreSQL-only migrations (row-level security) live beside the portable ones.
        .locations(
            embedded
                ? new String[] {"classpath:db/migration"}
                : new String[] {"classpath:db/migration", "classpath:db/postgresql"})
        .failOnMissingLocations(true)
        .load();
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
    HikariDataSource pool;
    try {
      pool = TeamPool.over(dataSource);
    } catch (RuntimeException e) {
      throw scrub(translate(e, shown), secrets);
    }
    try {
      return new Project(pool, pool::close, shown, null, clock);
    } catch (RuntimeException e) {
      pool.close();
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
    if (!SchemaHistory.current(dataSource, directory != null)) {
      migrate(where);
    }
    FaultPoints.reach("migrate.done");
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
              AuditAction.PROJECT_CREATE.created(
                  id, AuditLog.json().createObjectNode().put("name", name)));
          return id;
        });
  }

  /** Brings the database to this build's schema with Flyway (validating what was applied). */
  private void migrate(String where) {
    Flyway flyway = flyway(dataSource, directory != null);
    try {
      flyway.migrate();
    } catch (FlywayException e) {
      if (directory == null && failedMigration(flyway)) {
        // PostgreSQL runs each migration in a transaction, so a failed one left nothing behind
        // but its marker: clear the marker and run it again once.
        try {
          flyway.repair();
          flyway.migrate();
        } catch (FlywayException again) {
          throw cannotMigrate(where, again);
        }
      } else {
        throw cannotMigrate(where, e);
      }
    }
  }

  private static boolean failedMigration(Flyway flyway) {
    try {
      for (var migration : flyway.info().all()) {
        if (migration.getState().isFailed()) {
          return true;
        }
      }
      return false;
    } catch (FlywayException e) {
      return false;
    }
  }

  private static StorageException cannotMigrate(String where, FlywayException e) {
    return new StorageException(
        "the project database at "
            + where
            + " could not be brought to the current schema: "
            + rootMessage(e)
            + (where.startsWith("jdbc:")
                ? "; ask the database's owner to check flyway_schema_history"
                : "; restore the project directory from a backup copy, or report this with the"
                    + " project's earmark.mv.db"),
        e);
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
    if (e instanceof JdbiException || e instanceof HikariPool.PoolInitializationException) {
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
  /** The connections this project uses (for the schema check's tests). */
  DataSource dataSource() {
    return dataSource;
  }

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

  /**
   * What opening the project finished that a crash had left half done (one sentence each, e.g. a
   * recorded batch renamed into place); empty normally.
   */
  public List<String> recovered() {
    return recovered;
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
