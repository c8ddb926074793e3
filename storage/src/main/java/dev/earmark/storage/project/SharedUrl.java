package dev.earmark.storage.project;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL taken apart so that its secrets never travel with it: a password written as
 * {@code jdbc:postgresql://user:secret@host/db} or as a {@code password=} parameter ({@code ?} or
 * {@code &}) is lifted out, and only the URL without it reaches the driver, Flyway's logs and
 * Earmark's messages. Immutable.
 *
 * @param url the URL without user information or password parameter
 * @param user the user named in the URL (user information or {@code user=}), if any
 * @param password the password the URL carried, if any
 */
record SharedUrl(String url, Optional<String> user, Optional<String> password) {
  private static final String PREFIX = "jdbc:postgresql://";

  /**
   * Any JDBC URL with an authority, e.g. {@code jdbc:mysql://}: a mistyped --db is redacted too.
   */
  private static final Pattern ANY_SCHEME = Pattern.compile("(?i)jdbc:[a-z0-9]+://");

  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)([^&;]*)");

  static SharedUrl parse(String jdbcUrl) {
    String url = jdbcUrl;
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    if (url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      int start = PREFIX.length();
      int end = authorityEnd(url, start);
      int at = url.lastIndexOf('@', end - 1);
      if (at >= start) {
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String name = colon < 0 ? userInfo : userInfo.substring(0, colon);
        if (!name.isEmpty()) {
          user = Optional.of(decode(name));
        }
        if (colon >= 0) {
          password = Optional.of(decode(userInfo.substring(colon + 1)));
        }
        url = url.substring(0, start) + url.substring(at + 1);
      }
    }
    int query = url.indexOf('?');
    if (query >= 0) {
      List<String> kept = new ArrayList<>();
      for (String parameter : url.substring(query + 1).split("&")) {
        String key = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
        if (key.equals("password")) {
          password = Optional.of(decode(parameter.substring(parameter.indexOf('=') + 1)));
        } else {
          if (key.equals("user") && user.isEmpty() && parameter.contains("=")) {
            user = Optional.of(decode(parameter.substring(parameter.indexOf('=') + 1)));
          }
          if (!parameter.isEmpty()) {
            kept.add(parameter);
          }
        }
      }
      url = url.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }
    return new SharedUrl(url, user, password);
  }

  /** {@code jdbcUrl} with every password it carries replaced by {@code ***}. */
  static String redact(String jdbcUrl) {
    String url = jdbcUrl;
    Matcher scheme = ANY_SCHEME.matcher(url);
    if (scheme.lookingAt()) {
      int start = scheme.end();
      int end = authorityEnd(url, start);
      int at = url.lastIndexOf('@', end - 1);
      if (at >= start) {
        int colon = url.indexOf(':', start);
        if (colon >= 0 && colon < at) {
          url = url.substring(0, colon + 1) + "***" + url.substring(at);
        }
      }
    }
    Matcher matcher = PASSWORD_PARAMETER.matcher(url);
    return matcher.replaceAll("$1***");
  }

  /** Where the host part ends: at the first '/' or '?' after the scheme, or the end. */
  private static int authorityEnd(String url, int start) {
    int end = url.length();
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?') {
        end = i;
        break;
      }
    }
    return end;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
