package dev.earmark.storage.project;

import dev.earmark.storage.FaultPoints;
import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Publishing a finished file or directory (a pack, a batch) so that a crash at any moment leaves
 * either nothing under its name and no record, or the record and the file (issue 19):
 *
 * <ol>
 *   <li>the caller writes everything under a hidden temporary name next to the target;
 *   <li>{@link #intend} adds a row to {@code publications} in the same transaction that records the
 *       batch or pack and its audit event; the transaction commits;
 *   <li>{@link #publish} renames the temporary name to the target, then deletes the row.
 * </ol>
 *
 * Opening a project runs {@link #recover}: each row left by a crash between commit and rename is
 * finished (the rename is done), so a recorded pack or batch always reaches its name. A crash
 * before the commit leaves only a hidden temporary file, which no verify or import accepts. Both
 * steps are idempotent. Stateless; thread-safe.
 */
public final class Publications {
  /** The {@code kind} of a batch directory's publication. */
  public static final String BATCH = "batch";

  /** The {@code kind} of a pack file's publication. */
  public static final String PACK = "pack";

  private Publications() {}

  /**
   * Records, inside the caller's transaction, that {@code temp} is to become {@code target}.
   *
   * @return the row's id, for {@link #publish}
   */
  public static long intend(
      Handle handle, String kind, String ref, Path temp, Path target, Instant at) {
    return handle
        .createUpdate(
            "INSERT INTO publications (kind, ref, temp_path, target_path, recorded_at)"
                + " VALUES (:kind, :ref, :temp, :target, :at)")
        .bind("kind", kind)
        .bind("ref", ref)
        .bind("temp", temp.toAbsolutePath().normalize().toString())
        .bind("target", target.toAbsolutePath().normalize().toString())
        .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /**
   * Renames {@code temp} to {@code target} (an empty directory at {@code target} is replaced) and
   * deletes publication {@code id}; call it after the transaction of {@link #intend} committed.
   *
   * @throws StorageException when the rename fails; the row stays, so the next open retries
   */
  public static void publish(Jdbi jdbi, long id, Path temp, Path target) {
    FaultPoints.reach("publish.before-rename");
    move(temp, target);
    FaultPoints.reach("publish.renamed");
    done(jdbi, id);
  }

  /**
   * Recovery's rename: the same steps as {@link #publish} without its fault points, which name the
   * window of the command that publishes. (Passing through them on open let a child halted "at
   * publish.before-rename" stop while finishing an earlier publication, before its own command
   * wrote anything.)
   */
  private static void finish(Jdbi jdbi, long id, Path temp, Path target) {
    move(temp, target);
    done(jdbi, id);
  }

  private static void done(Jdbi jdbi, long id) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM publications WHERE id = :id")
                .bind("id", id)
                .execute());
  }

  /**
   * Finishes what a crash left: for each recorded publication whose temporary name still exists
   * here, renames it into place; a row whose temporary name is gone and whose target exists is done
   * and deleted. Rows naming files this machine does not have (team mode, another machine) are left
   * alone, as is everything when this login may not read the table.
   *
   * @return one sentence per publication finished
   */
  public static List<String> recover(Jdbi jdbi) {
    List<String> done = new ArrayList<>();
    List<Pending> pending;
    try {
      pending =
          jdbi.withHandle(
              handle ->
                  handle
                      .createQuery(
                          "SELECT id, kind, ref, temp_path, target_path FROM publications"
                              + " ORDER BY id")
                      .map(
                          (rs, ctx) ->
                              new Pending(
                                  rs.getLong(1),
                                  rs.getString(2),
                                  rs.getString(3),
                                  Path.of(rs.getString(4)),
                                  Path.of(rs.getString(5))))
                      .list());
    } catch (JdbiException e) {
      return done; // e.g. an annotator's own database login, which may not read the table
    }
    for (Pending row : pending) {
      try {
        if (Files.exists(row.temp())) {
          finish(jdbi, row.id(), row.temp(), row.target());
          done.add("finished publishing " + row.kind() + " " + row.ref() + " to " + row.target());
        } else if (Files.exists(row.target())) {
          done(jdbi, row.id());
        }
      } catch (StorageException | JdbiException e) {
        // Left for the next open; the project itself is usable.
      }
    }
    return done;
  }

  private record Pending(long id, String kind, String ref, Path temp, Path target) {}

  private static void move(Path temp, Path target) {
    try {
      if (Files.isDirectory(target) && Files.isDirectory(temp)) {
        try (Stream<Path> entries = Files.list(target)) {
          if (entries.findAny().isEmpty()) {
            Files.delete(target);
          }
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new StorageException(
          "The file system cannot rename " + temp + " to " + target + " atomically.", e);
    } catch (DirectoryNotEmptyException e) {
      throw new StorageException(
          target + " was filled by something else before Earmark could publish " + temp + ".", e);
    } catch (IOException e) {
      throw new StorageException(
          "Could not move " + temp + " into place at " + target + ": " + e.getMessage(), e);
    }
  }
}
