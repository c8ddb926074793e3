package dev.earmark.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.earmark.engine.version.ContentHash;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The metadata a dataset must carry before any clip enters (PRODUCT.md §2). Import refuses a
 * dataset without a complete contract. The parsed document is kept whole ({@link #document()}) so
 * that exports carry it unchanged, with its {@link #contentHash()}. Immutable and thread-safe.
 *
 * <p>The file format is documented in docs/formats/dataset-contract.md.
 */
public record DatasetContract(
    String datasetId,
    String purpose,
    String owner,
    String source,
    Map<String, ConsentScope> consentScopes,
    Set<Use> allowedUses,
    String language,
    JsonNode document,
    String contentHash) {

  /** Fields every contract must have, in the order problems are reported. */
  public static final List<String> REQUIRED =
      List.of(
          "dataset_id",
          "purpose",
          "owner",
          "source",
          "consent_scopes",
          "allowed_uses",
          "retention_policy",
          "language",
          "domain",
          "acoustic_conditions",
          "device_class",
          "known_gaps");

  /**
   * Optional boolean field: true lets the dataset's manifests name audio outside their own folder
   * (absolute paths, {@code ../}). Absent or false, import refuses such lines.
   */
  public static final String AUDIO_OUTSIDE_MANIFEST_FOLDER = "audio_outside_manifest_folder";

  /**
   * Optional field: the id of one of the contract's {@code consent_scopes} that applies to every
   * clip whose manifest line names no {@code consent_scope} (a plain NeMo manifest names none). A
   * line's own scope always wins.
   */
  public static final String DEFAULT_CONSENT_SCOPE = "default_consent_scope";

  public DatasetContract {
    consentScopes = Map.copyOf(consentScopes);
    allowedUses = allowedUses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedUses));
  }

  /**
   * Reads a contract, reporting every missing or malformed field at once.
   *
   * @param source the file name, used in the error message
   * @throws ContractException naming each problem
   */
  public static DatasetContract parse(JsonNode document, String source) {
    List<String> problems = new ArrayList<>();
    if (document == null || !document.isObject()) {
      throw new ContractException(source, List.of("the file must hold one JSON object"));
    }
    List<String> missing = new ArrayList<>();
    for (String field : REQUIRED) {
      JsonNode value = document.get(field);
      boolean knownGapsMayBeEmpty = field.equals("known_gaps") && value != null && value.isArray();
      if (value == null || value.isNull() || (isBlank(value) && !knownGapsMayBeEmpty)) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      problems.add("missing " + String.join(", ", missing));
    }
    Set<Use> datasetUses = uses(document.get("allowed_uses"), "allowed_uses", problems);
    Map<String, ConsentScope> scopes = new LinkedHashMap<>();
    JsonNode scopeList = document.get("consent_scopes");
    if (scopeList != null && !scopeList.isNull() && !scopeList.isArray()) {
      problems.add("consent_scopes must be a list of {id, allowed_uses}");
    } else if (scopeList != null) {
      for (int i = 0; i < scopeList.size(); i++) {
        JsonNode scope = scopeList.get(i);
        String where = "consent_scopes[" + i + "]";
        String id = scope.path("id").asText("").strip();
        if (id.isEmpty()) {
          problems.add(where + " has no id");
          continue;
        }
        if (scopes.containsKey(id)) {
          problems.add(where + " repeats the scope id '" + id + "'");
          continue;
        }
        Set<Use> scopeUses =
            uses(scope.get("allowed_uses"), where + " ('" + id + "').allowed_uses", problems);
        scopes.put(id, new ConsentScope(id, scope.path("description").asText(""), scopeUses));
      }
    }
    JsonNode sources = document.get("sources");
    if (sources != null && !sources.isNull()) {
      boolean strings = sources.isArray();
      for (JsonNode entry : sources) {
        strings &= entry.isTextual() && !entry.asText().isBlank();
      }
      if (!strings) {
        problems.add(
            "sources must be a list of source ids as the manifest's clips name them, e.g."
                + " [\"synthetic:espeak-ng\"]");
      }
    }
    JsonNode outside = document.get(AUDIO_OUTSIDE_MANIFEST_FOLDER);
    if (outside != null && !outside.isNull() && !outside.isBoolean()) {
      problems.add(AUDIO_OUTSIDE_MANIFEST_FOLDER + " must be true or false");
    }
    JsonNode defaultScope = document.get(DEFAULT_CONSENT_SCOPE);
    if (defaultScope != null && !defaultScope.isNull()) {
      String id = defaultScope.isTextual() ? defaultScope.asText().strip() : "";
      if (id.isEmpty()) {
        problems.add(DEFAULT_CONSENT_SCOPE + " must be the id of one of the consent_scopes");
      } else if (scopeList != null && scopeList.isArray() && !scopes.containsKey(id)) {
        problems.add(
            DEFAULT_CONSENT_SCOPE
                + " '"
                + id
                + "' is not one of the consent_scopes (declared: "
                + String.join(", ", scopes.keySet())
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new ContractException(source, problems);
    }
    return new DatasetContract(
        document.get("dataset_id").asText().strip(),
        document.get("purpose").asText(),
        document.get("owner").asText(),
        document.get("source").asText(),
        scopes,
        datasetUses,
        document.get("language").asText(),
        document.deepCopy(),
        ContentHash.of(document));
  }

  /**
   * Whether manifests of this dataset may name audio outside their own folder (the {@value
   * #AUDIO_OUTSIDE_MANIFEST_FOLDER} field; false when absent).
   */
  public boolean allowsAudioOutsideManifestFolder() {
    return document.path(AUDIO_OUTSIDE_MANIFEST_FOLDER).asBoolean(false);
  }

  /**
   * The consent scope of a clip whose manifest line names {@code lineScope}: that scope, or the
   * contract's {@value #DEFAULT_CONSENT_SCOPE} when the line names none (null when neither).
   */
  public String consentScopeFor(String lineScope) {
    if (lineScope != null && !lineScope.isBlank()) {
      return lineScope;
    }
    JsonNode scope = document.get(DEFAULT_CONSENT_SCOPE);
    return scope == null || !scope.isTextual() ? null : scope.asText().strip();
  }

  private static boolean isBlank(JsonNode value) {
    return (value.isTextual() && value.asText().isBlank())
        || (value.isContainerNode() && value.isEmpty());
  }

  private static Set<Use> uses(JsonNode node, String where, List<String> problems) {
    Set<Use> uses = EnumSet.noneOf(Use.class);
    if (node == null || node.isNull()) {
      return uses;
    }
    if (!node.isArray()) {
      problems.add(where + " must be a list such as [\"labeling\", \"evaluation\"]");
      return uses;
    }
    for (JsonNode element : node) {
      Optional<Use> use = Use.fromCode(element.asText());
      if (use.isEmpty()) {
        problems.add(
            where
                + " has unknown use '"
                + element.asText()
                + "': use labeling, evaluation or training");
      } else {
        uses.add(use.get());
      }
    }
    return uses;
  }

  /** The scope with {@code id}, if the contract declares it. */
  public Optional<ConsentScope> scope(String id) {
    return Optional.ofNullable(id == null ? null : consentScopes.get(id));
  }

  /** Whether a clip under {@code scopeId} may be used for {@code use} under this contract. */
  public boolean allows(String scopeId, Use use) {
    return allowedUses.contains(use) && scope(scopeId).map(s -> s.allows(use)).orElse(false);
  }

  /**
   * The sources a clip of this dataset may name in its manifest {@code source} field: each entry of
   * the optional {@code sources} list, and the {@code source} text itself. A clip whose source is
   * none of these is an unknown source, a release blocker (PRODUCT.md §3.8).
   */
  public Set<String> declaredSources() {
    Set<String> declared = new java.util.TreeSet<>();
    declared.add(source.strip());
    for (JsonNode entry : document.path("sources")) {
      declared.add(entry.asText().strip());
    }
    return Set.copyOf(declared);
  }
}
