package dev.earmark.engine.normalize;

import dev.earmark.engine.EngineException;
import dev.earmark.engine.version.ContentHash;
import dev.earmark.engine.version.VersionedId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One published version of a normalization rule set: an id {@code name@N}, a description, an
 * ordered list of {@link Rule}s and the content hash of its canonical JSON ({@link
 * RuleSetJson#toTree}, without the stored {@code hash} field). A published version never changes:
 * an edit goes through {@link #edit()} and produces {@code name@N+1} with a new hash. Immutable and
 * thread-safe.
 */
public final class RuleSet {
  private final VersionedId id;
  private final String description;
  private final List<Rule> rules;
  private final String hash;

  private RuleSet(VersionedId id, String description, List<Rule> rules) {
    this.id = Objects.requireNonNull(id, "id");
    this.description = description == null ? "" : description;
    this.rules = List.copyOf(rules);
    this.hash = ContentHash.of(RuleSetJson.toTree(this), RuleSetJson.HASH_FIELD);
  }

  /** A rule set with the given content; its hash is computed from that content. */
  public static RuleSet of(VersionedId id, String description, List<Rule> rules) {
    return new RuleSet(id, description, rules);
  }

  /** A builder for a new rule set with the id {@code id} and no rules yet. */
  public static Builder builder(VersionedId id) {
    return new Builder(id, "", List.of());
  }

  /** A builder holding this set's rules under the next version's id ({@code name@N+1}). */
  public Builder edit() {
    return new Builder(id.next(), description, rules);
  }

  public VersionedId id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** The rules in the order they are applied. */
  public List<Rule> rules() {
    return rules;
  }

  /** {@code sha256:<hex>} of the canonical JSON without the hash field. */
  public String hash() {
    return hash;
  }

  /** Compiles this set once; the normalizer can then be shared by every thread. */
  public Normalizer compile() {
    return Normalizer.compile(this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RuleSet that && id.equals(that.id) && hash.equals(that.hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, hash);
  }

  @Override
  public String toString() {
    return id + " (" + hash + ")";
  }

  /**
   * Collects the content of a new version. Not thread-safe; {@link #build()} returns an immutable
   * {@link RuleSet}.
   */
  public static final class Builder {
    private VersionedId id;
    private String description;
    private final List<Rule> rules;

    private Builder(VersionedId id, String description, List<Rule> rules) {
      this.id = Objects.requireNonNull(id, "id");
      this.description = description;
      this.rules = new ArrayList<>(rules);
    }

    /** Publishes under another id (for example a new name derived from a built-in set). */
    public Builder id(VersionedId newId) {
      this.id = Objects.requireNonNull(newId, "id");
      return this;
    }

    public Builder description(String text) {
      this.description = text;
      return this;
    }

    /** Appends {@code rule} after the existing rules. */
    public Builder add(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Inserts {@code rule} at {@code index}, shifting later rules. */
    public Builder insert(int index, Rule rule) {
      checkIndex(index, rules.size() + 1);
      rules.add(index, Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Replaces the rule at {@code index}. */
    public Builder replace(int index, Rule rule) {
      checkIndex(index, rules.size());
      rules.set(index, Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Removes the rule at {@code index}. */
    public Builder remove(int index) {
      checkIndex(index, rules.size());
      rules.remove(index);
      return this;
    }

    /**
     * Adds {@code phrases} to the first protected-phrases rule; when there is none, adds one right
     * after the leading case-fold and punctuation rules, so phrases match case-insensitively.
     */
    public Builder protect(String... phrases) {
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i) instanceof Rule.ProtectedPhrases existing) {
          List<String> merged = new ArrayList<>(existing.phrases());
          for (String phrase : phrases) {
            if (!merged.contains(phrase.strip())) {
              merged.add(phrase);
            }
          }
          rules.set(i, new Rule.ProtectedPhrases(merged));
          return this;
        }
      }
      int at = 0;
      while (at < rules.size()
          && (rules.get(at) instanceof Rule.CaseFold
              || rules.get(at) instanceof Rule.StripPunctuation)) {
        at++;
      }
      rules.add(at, new Rule.ProtectedPhrases(List.of(phrases)));
      return this;
    }

    public RuleSet build() {
      return new RuleSet(id, description, rules);
    }

    private void checkIndex(int index, int limit) {
      if (index < 0 || index >= limit) {
        throw new EngineException(
            "rule index "
                + index
                + " is outside the rule set "
                + id
                + " (0 to "
                + (limit - 1)
                + ")");
      }
    }
  }
}
