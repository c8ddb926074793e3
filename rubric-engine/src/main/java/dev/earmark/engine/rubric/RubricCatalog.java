package dev.earmark.engine.rubric;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.VersionedId;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A set of published rubric versions, keyed by id. Immutable and thread-safe: {@link
 * #publish(Rubric)} returns a new catalog. It is where "a published version never changes" is
 * enforced: publishing an id again with other content is refused.
 */
public final class RubricCatalog {
  /** The built-in version 1 of each task type, shipped as resources of this package. */
  public static final List<VersionedId> BUILT_IN_IDS =
      List.of(
          VersionedId.parse("asr-transcript@1"),
          VersionedId.parse("tts-rating@1"),
          VersionedId.parse("rag-stages@1"),
          VersionedId.parse("tts-mushra@1"),
          VersionedId.parse("tts-preference@1"));

  private final Map<VersionedId, Rubric> rubrics;

  private RubricCatalog(Map<VersionedId, Rubric> rubrics) {
    this.rubrics = Collections.unmodifiableMap(rubrics);
  }

  /** An empty catalog. */
  public static RubricCatalog empty() {
    return new RubricCatalog(new TreeMap<>());
  }

  /** The built-in rubrics ({@link #BUILT_IN_IDS}), read from this module's resources. */
  public static RubricCatalog builtIn() {
    return BuiltIns.CATALOG;
  }

  /** Every version, ordered by id. */
  public List<Rubric> all() {
    return List.copyOf(rubrics.values());
  }

  /** The version with {@code id}, if published here. */
  public Optional<Rubric> find(VersionedId id) {
    return Optional.ofNullable(rubrics.get(id));
  }

  /** The version with {@code id}; the exception lists the ids that exist. */
  public Rubric get(VersionedId id) {
    return find(id)
        .orElseThrow(
            () ->
                new EngineException(
                    "rubric "
                        + id
                        + " is not known; known rubrics are "
                        + rubrics.keySet().stream()
                            .map(VersionedId::toString)
                            .collect(Collectors.joining(", "))));
  }

  /** The highest version published under {@code name}, if any. */
  public Optional<Rubric> latest(String name) {
    return rubrics.values().stream()
        .filter(rubric -> rubric.id().name().equals(name))
        .reduce((first, second) -> second);
  }

  /**
   * A catalog that also holds {@code rubric}. Publishing an identical version again changes
   * nothing; publishing an id that already exists with other content is refused, because a
   * published version never changes.
   */
  public RubricCatalog publish(Rubric rubric) {
    Rubric existing = rubrics.get(rubric.id());
    if (existing != null) {
      if (existing.hash().equals(rubric.hash())) {
        return this;
      }
      throw new EngineException(
          "rubric "
              + rubric.id()
              + " is already published with hash "
              + existing.hash()
              + " and a published version never changes; publish the edit as "
              + latest(rubric.id().name()).orElseThrow().id().next());
    }
    Map<VersionedId, Rubric> copy = new TreeMap<>(rubrics);
    copy.put(rubric.id(), rubric);
    return new RubricCatalog(copy);
  }

  /** Lazily loads the built-ins once; the holder is immutable after class initialisation. */
  private static final class BuiltIns {
    static final RubricCatalog CATALOG = load();

    private static RubricCatalog load() {
      RubricCatalog catalog = empty();
      for (VersionedId id : BUILT_IN_IDS) {
        String resource = id.name() + "-" + id.version() + ".json";
        try (InputStream in = RubricCatalog.class.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("built-in rubric resource " + resource + " is missing");
          }
          Rubric rubric = RubricJson.read("built-in " + resource, in);
          if (!rubric.id().equals(id)) {
            throw new IllegalStateException(resource + " holds " + rubric.id() + ", not " + id);
          }
          catalog = catalog.publish(rubric);
        } catch (IOException e) {
          throw new IllegalStateException("built-in rubric " + resource + " cannot be read", e);
        }
      }
      return catalog;
    }
  }
}
