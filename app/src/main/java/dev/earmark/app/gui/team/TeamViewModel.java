package dev.earmark.app.gui.team;

import dev.earmark.app.gui.background.BackgroundExecutor;
import dev.earmark.app.gui.background.FailureSentence;
import dev.earmark.storage.user.Role;
import dev.earmark.storage.user.RoleChange;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The team tab's state: the users, the sentence of the last refusal, the status line. Commands run
 * the {@link TeamService} on the background executor and re-read the roster afterwards. Use on the
 * JavaFX thread (or one test thread with a synchronous executor).
 */
public final class TeamViewModel {
  private final TeamService service;
  private final BackgroundExecutor executor;
  private final ObservableList<TeamMember> members = FXCollections.observableArrayList();
  private final StringProperty problem = new SimpleStringProperty("");
  private final StringProperty status = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final BooleanProperty mapsOsAccounts = new SimpleBooleanProperty(true);

  public TeamViewModel(TeamService service, BackgroundExecutor executor) {
    this.service = service;
    this.executor = executor;
  }

  /** Reads the roster. */
  public void load() {
    run(
        "read the team",
        () -> {
          mapsOsAccounts.set(service.mapsOsAccounts());
          return null;
        },
        ignored -> {});
  }

  /** Adds a user (see {@link TeamService#add}). */
  public void add(String id, String displayName, Set<Role> roles, String osAccount) {
    run(
        "add a user",
        () -> service.add(id, displayName, roles, osAccount),
        member ->
            status.set(
                "Added "
                    + member.id()
                    + " ("
                    + member.roleNames()
                    + ")"
                    + (member.osAccount().isEmpty() ? "" : ", OS account " + member.osAccount())
                    + "."));
  }

  /** Gives {@code id} exactly the roles {@code wanted}. */
  public void setRoles(String id, Set<Role> wanted) {
    run(
        "change roles",
        () -> service.setRoles(id, wanted),
        (RoleChange change) ->
            status.set(
                change.changed()
                    ? id
                        + " now has the roles "
                        + new TeamMember(id, "", change.after().roles(), "", true).roleNames()
                        + "."
                    : id + " already has these roles; nothing changed."));
  }

  /** Deactivates or reactivates {@code id}. */
  public void setActive(String id, boolean active) {
    run(
        active ? "reactivate a user" : "deactivate a user",
        () -> service.setActive(id, active),
        changed ->
            status.set(
                !changed
                    ? id + " was already " + (active ? "active" : "deactivated") + "."
                    : active
                        ? "Reactivated " + id + "."
                        : "Deactivated "
                            + id
                            + ": their labels stay; they get no new work and cannot act."));
  }

  /** Maps {@code osAccount} to {@code id}. */
  public void mapOsAccount(String id, String osAccount) {
    run(
        "map an OS account",
        () -> {
          service.mapOsAccount(id, osAccount);
          return null;
        },
        ignored -> status.set("The OS account " + osAccount.strip() + " is now " + id + "."));
  }

  /** The member {@code id} as last read. */
  public Optional<TeamMember> member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  private <T> void run(String what, Callable<T> work, Consumer<T> done) {
    busy.set(true);
    problem.set("");
    executor.inBackground(
        what,
        () -> {
          T result = work.call();
          return new Outcome<>(result, service.roster());
        },
        outcome -> {
          busy.set(false);
          members.setAll(outcome.roster());
          done.accept(outcome.result());
        },
        failure -> {
          busy.set(false);
          problem.set(FailureSentence.of(failure));
          // The roster may have changed before the refusal (e.g. a user added, the account not).
          executor.inBackground("read the team", service::roster, members::setAll, ignored -> {});
        });
  }

  private record Outcome<T>(T result, List<TeamMember> roster) {}

  public ObservableList<TeamMember> members() {
    return members;
  }

  public StringProperty problemProperty() {
    return problem;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  public BooleanProperty mapsOsAccountsProperty() {
    return mapsOsAccounts;
  }
}
