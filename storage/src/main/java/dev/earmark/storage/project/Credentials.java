package dev.earmark.storage.project;

import java.util.Arrays;

/**
 * A database user and password for team mode. Never logged or written anywhere: {@link #toString}
 * hides the password, and Earmark never stores it.
 */
public final class Credentials {
  private final String user;
  private final char[] password;

  public Credentials(String user, char[] password) {
    this.user = user;
    this.password = password == null ? new char[0] : password.clone();
  }

  public String user() {
    return user;
  }

  char[] password() {
    return password.clone();
  }

  /** Overwrites the password in memory once the connection pool no longer needs it. */
  public void erase() {
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "Credentials[user=" + user + ", password=***]";
  }
}
