package dev.earmark.engine.normalize;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in rule sets shipped with Earmark and the resolver the command line and storage use to
 * turn {@code en-asr@1} or a file path into a {@link RuleSet}. Built-in sets are JSON resources
 * with a stored hash, so an accidental edit of a published set fails loudly. Thread-safe.
 */
public final class RuleSets {
  /** Default rule set for English ASR scoring. */
  public static final VersionedId EN_ASR_1 = VersionedId.parse("en-asr@1");

  private static final Map<VersionedId, String> RESOURCES = Map.of(EN_ASR_1, "en-asr-1.json");
  private static final Map<VersionedId, RuleSet> LOADED = new ConcurrentHashMap<>();

  private RuleSets() {}

  /** The ids of the built-in rule sets, sorted. */
  public static List<VersionedId> builtInIds() {
    return RESOURCES.keySet().stream().sorted().toList();
  }

  /** The built-in rule set {@code id}, if there is one. */
  public static Optional<RuleSet> builtIn(VersionedId id) {
    String resource = RESOURCES.get(id);
    if (resource == null) {
      return Optional.empty();
    }
    return Optional.of(LOADED.computeIfAbsent(id, key -> load(resource)));
  }

  /** The built-in {@code en-asr@1}. */
  public static RuleSet enAsr1() {
    return builtIn(EN_ASR_1).orElseThrow();
  }

  /**
   * A built-in rule set by id ({@code en-asr@1}) or a rule-set JSON file by path. An id-shaped
   * argument that is neither a built-in nor an existing file is refused with the list of built-in
   * ids.
   */
  public static RuleSet resolve(String idOrPath) {
    if (idOrPath == null || idOrPath.isBlank()) {
      throw new EngineException(
          "No rule set given; name a built-in rule set (" + builtInIdList() + ") or a JSON file.");
    }
    String argument = idOrPath.strip();
    Path path = Path.of(argument);
    if (VersionedId.looksLikeId(argument)) {
      Optional<RuleSet> builtIn = builtIn(VersionedId.parse(argument));
      if (builtIn.isPresent()) {
        return builtIn.get();
      }
      if (!Files.isRegularFile(path)) {
        throw new EngineException(
            "Unknown rule set '"
                + argument
                + "'; the built-in rule sets are "
                + builtInIdList()
                + ", or give the path of a rule-set JSON file.");
      }
    }
    if (!Files.isRegularFile(path)) {
      throw new EngineException(
          "Rule-set file "
              + argument
              + " does not exist; give an existing JSON file or a built-in id ("
              + builtInIdList()
              + ").");
    }
    return RuleSetJson.read(path);
  }

  private static String builtInIdList() {
    return String.join(", ", builtInIds().stream().map(VersionedId::toString).toList());
  }

  private static RuleSet load(String resource) {
    try (InputStream in = RuleSets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in rule set resource " + resource + " is missing");
      }
      return RuleSetJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new IllegalStateException(
          "built-in rule set resource " + resource + " is unreadable", e);
    }
  }
}
