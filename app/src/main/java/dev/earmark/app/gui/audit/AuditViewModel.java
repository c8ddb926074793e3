package dev.earmark.app.gui.audit;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.storage.audit.AuditEvent;
import dev.earmark.storage.audit.AuditQuery;
import dev.earmark.storage.audit.AuditVerification;
import dev.earmark.storage.audit.trail.AuditTrail;
import dev.earmark.storage.user.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The audit log a lead filters: the filter fields (actor, action, entity, from and until as ISO
 * instants or dates in UTC), the events storage returns for them, newest first, and the chain
 * check. Storage work runs through the background executor. No JavaFX nodes; not thread-safe.
 */
public final class AuditViewModel {
  private final AuditTrail trail;
  private final Supplier<Actor> actor;
  private final BackgroundExecutor executor;
  private final ObservableList<AuditEvent> events = FXCollections.observableArrayList();
  private final StringProperty actorFilter = new SimpleStringProperty("");
  private final StringProperty actionFilter = new SimpleStringProperty("");
  private final StringProperty entityFilter = new SimpleStringProperty("");
  private final StringProperty fromFilter = new SimpleStringProperty("");
  private final StringProperty untilFilter = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper verification = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper intact = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
  private int generation;

  /**
   * @param actor the acting user, read from the project (blocks; called in the background)
   */
  public AuditViewModel(AuditTrail trail, Supplier<Actor> actor, BackgroundExecutor executor) {
    this.trail = trail;
    this.actor = actor;
    this.executor = executor;
  }

  /** Reads the events the filters select (the newest {@link AuditQuery#DEFAULT_LIMIT}). */
  public void load() {
    AuditQuery query;
    try {
      query =
          new AuditQuery(
              Optional.of(actorFilter.get()),
              Optional.of(actionFilter.get()),
              Optional.of(entityFilter.get()),
              instant("From", fromFilter.get(), false),
              instant("Until", untilFilter.get(), true),
              AuditQuery.DEFAULT_LIMIT);
    } catch (IllegalArgumentException e) {
      message.set(e.getMessage());
      return;
    }
    int asked = ++generation;
    executor.inBackground(
        "read the audit log",
        () -> trail.events(actor.get(), query),
        list -> {
          if (asked != generation) {
            return;
          }
          events.setAll(list);
          loaded.set(true);
          message.set(
              list.size() == AuditQuery.DEFAULT_LIMIT
                  ? "Showing the newest "
                      + list.size()
                      + " events; narrow the filters to see older ones."
                  : list.size() + (list.size() == 1 ? " event" : " events") + ", newest first.");
        },
        this::fail);
  }

  /** Clears every filter and reads again. */
  public void clearFilters() {
    actorFilter.set("");
    actionFilter.set("");
    entityFilter.set("");
    fromFilter.set("");
    untilFilter.set("");
    load();
  }

  /** Re-checks the whole chain, as {@code earmark audit verify} does. */
  public void verifyChain() {
    verification.set("Checking the chain…");
    executor.inBackground(
        "verify the audit chain",
        trail::verify,
        result -> {
          if (result instanceof AuditVerification.Intact ok) {
            intact.set(true);
            verification.set(
                "Chain intact: "
                    + ok.events()
                    + " events, each linked to the one before and unaltered (head "
                    + shortHash(ok.headHash())
                    + ").");
          } else if (result instanceof AuditVerification.Broken broken) {
            intact.set(false);
            verification.set(
                "Chain BROKEN at event " + broken.seq() + ": " + broken.reason() + ".");
          }
        },
        error -> {
          intact.set(false);
          fail(error);
        });
  }

  private static String shortHash(String hash) {
    int colon = hash.indexOf(':');
    String hex = colon < 0 ? hash : hash.substring(colon + 1);
    return hex.length() > 12 ? hex.substring(0, 12) + "…" : hex;
  }

  /**
   * An ISO instant ({@code 2026-11-21T10:00:00Z}) or a date ({@code 2026-11-21}, UTC): a date means
   * its start for "from" and the next day's start for "until", so the day is included.
   */
  static Optional<Instant> instant(String field, String text, boolean endOfDay) {
    String value = text == null ? "" : text.strip();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException notInstant) {
      try {
        LocalDate day = LocalDate.parse(value);
        return Optional.of(
            (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException notDate) {
        throw new IllegalArgumentException(
            field
                + " '"
                + value
                + "' is neither a date such as 2026-11-21 nor an instant such as"
                + " 2026-11-21T10:00:00Z.");
      }
    }
  }

  private void fail(Throwable error) {
    message.set(FailureSentence.reason(error));
  }

  public ObservableList<AuditEvent> events() {
    return events;
  }

  public StringProperty actorFilterProperty() {
    return actorFilter;
  }

  public StringProperty actionFilterProperty() {
    return actionFilter;
  }

  public StringProperty entityFilterProperty() {
    return entityFilter;
  }

  public StringProperty fromFilterProperty() {
    return fromFilter;
  }

  public StringProperty untilFilterProperty() {
    return untilFilter;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty verificationProperty() {
    return verification.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty intactProperty() {
    return intact.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }
}
