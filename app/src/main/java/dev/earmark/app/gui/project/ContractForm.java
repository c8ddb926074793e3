package dev.earmark.app.gui.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.contract.ContractException;
import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.engine.contract.Use;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dataset contract as a form (PRODUCT.md §2, docs/formats/dataset-contract.md): one property
 * per field of {@link DatasetContract}, lists typed one item a line (items may hold commas),
 * consent scopes as rows. {@link #validate} says what is missing in plain sentences, field by
 * field, and then lets {@link DatasetContract#parse} have the last word, so the form never accepts
 * a contract the importer would refuse. Fields the form does not show (extra keys of a loaded
 * contract file) are kept as they were. Used on the JavaFX thread.
 */
public final class ContractForm {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern DATASET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

  private final StringProperty datasetId = new SimpleStringProperty("");
  private final StringProperty name = new SimpleStringProperty("");
  private final StringProperty purpose = new SimpleStringProperty("");
  private final StringProperty owner = new SimpleStringProperty("");
  private final StringProperty source = new SimpleStringProperty("");
  private final BooleanProperty labeling = new SimpleBooleanProperty(true);
  private final BooleanProperty evaluation = new SimpleBooleanProperty();
  private final BooleanProperty training = new SimpleBooleanProperty();
  private final StringProperty retentionPolicy = new SimpleStringProperty("");
  private final StringProperty language = new SimpleStringProperty("");
  private final StringProperty domain = new SimpleStringProperty("");
  private final StringProperty acousticConditions = new SimpleStringProperty("");
  private final StringProperty deviceClass = new SimpleStringProperty("");
  private final StringProperty knownGaps = new SimpleStringProperty("");
  private final ObservableList<ConsentScopeRow> scopes = FXCollections.observableArrayList();
  private final ObservableList<String> problems = FXCollections.observableArrayList();
  private ObjectNode base = JSON.createObjectNode();

  // ---- fields ----

  public StringProperty datasetIdProperty() {
    return datasetId;
  }

  public StringProperty nameProperty() {
    return name;
  }

  public StringProperty purposeProperty() {
    return purpose;
  }

  public StringProperty ownerProperty() {
    return owner;
  }

  public StringProperty sourceProperty() {
    return source;
  }

  /** Whether the dataset as a whole allows {@code use}. */
  public BooleanProperty allows(Use use) {
    return switch (use) {
      case LABELING -> labeling;
      case EVALUATION -> evaluation;
      case TRAINING -> training;
    };
  }

  /** The retention rule: a sentence, or a JSON object such as {"default_retention_until": ...}. */
  public StringProperty retentionPolicyProperty() {
    return retentionPolicy;
  }

  /** A BCP-47 code such as {@code en}. */
  public StringProperty languageProperty() {
    return language;
  }

  /** One item a line. */
  public StringProperty domainProperty() {
    return domain;
  }

  /** One item a line. */
  public StringProperty acousticConditionsProperty() {
    return acousticConditions;
  }

  /** One item a line. */
  public StringProperty deviceClassProperty() {
    return deviceClass;
  }

  /** One item a line; may stay empty (an honest "none known"). */
  public StringProperty knownGapsProperty() {
    return knownGaps;
  }

  /** The consent scopes a clip's {@code consent_scope} may name. */
  public ObservableList<ConsentScopeRow> scopes() {
    return scopes;
  }

  /** Adds an empty consent scope row allowing labeling, and returns it. */
  public ConsentScopeRow addScope() {
    ConsentScopeRow row = new ConsentScopeRow("", "", EnumSet.of(Use.LABELING));
    scopes.add(row);
    return row;
  }

  /** What {@link #validate} found, one sentence each; empty when the contract is complete. */
  public ObservableList<String> problems() {
    return problems;
  }

  // ---- loading and writing ----

  /**
   * Fills the form from a contract file (e.g. the {@code contract.json} beside a manifest). Reads
   * what it can; {@link #validate} then says what is still missing.
   *
   * @throws IOException when the file cannot be read or is not a JSON object
   */
  public void load(Path file) throws IOException {
    JsonNode document;
    try {
      document = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(
          file
              + " is not valid JSON ("
              // Jackson's bounds (nesting over 1000 levels...) carry no location
              + (e.getLocation() == null
                  ? e.getOriginalMessage()
                  : "line " + e.getLocation().getLineNr())
              + ")",
          e);
    }
    if (document == null || !document.isObject()) {
      throw new IOException(file + " does not hold one JSON object");
    }
    base = ((ObjectNode) document).deepCopy();
    datasetId.set(text(document, "dataset_id"));
    name.set(text(document, "name"));
    purpose.set(text(document, "purpose"));
    owner.set(text(document, "owner"));
    source.set(text(document, "source"));
    Set<String> uses = new LinkedHashSet<>(list(document.get("allowed_uses")));
    for (Use use : Use.values()) {
      allows(use).set(uses.contains(use.code()));
    }
    JsonNode retention = document.get("retention_policy");
    retentionPolicy.set(
        retention == null || retention.isNull()
            ? ""
            : retention.isTextual() ? retention.asText() : retention.toString());
    language.set(text(document, "language"));
    domain.set(String.join("\n", list(document.get("domain"))));
    acousticConditions.set(String.join("\n", list(document.get("acoustic_conditions"))));
    deviceClass.set(String.join("\n", list(document.get("device_class"))));
    knownGaps.set(String.join("\n", list(document.get("known_gaps"))));
    List<ConsentScopeRow> rows = new ArrayList<>();
    JsonNode scopeList = document.path("consent_scopes");
    for (JsonNode scope : scopeList) {
      Set<Use> scopeUses = EnumSet.noneOf(Use.class);
      for (String code : list(scope.get("allowed_uses"))) {
        Use.fromCode(code).ifPresent(scopeUses::add);
      }
      rows.add(new ConsentScopeRow(text(scope, "id"), text(scope, "description"), scopeUses));
    }
    scopes.setAll(rows);
    problems.clear();
  }

  /** The contract as the JSON document the importer reads (fields left blank are left out). */
  public ObjectNode document() {
    ObjectNode document = base.deepCopy();
    put(document, "dataset_id", datasetId.get());
    put(document, "name", name.get());
    put(document, "purpose", purpose.get());
    put(document, "owner", owner.get());
    put(document, "source", source.get());
    ArrayNode scopeList = JSON.createArrayNode();
    for (ConsentScopeRow row : scopes) {
      ObjectNode scope = scopeList.addObject();
      scope.put("id", strip(row.idProperty().get()));
      scope.put("description", strip(row.descriptionProperty().get()));
      ArrayNode scopeUses = scope.putArray("allowed_uses");
      row.uses().forEach(use -> scopeUses.add(use.code()));
    }
    document.set("consent_scopes", scopeList);
    ArrayNode uses = document.putArray("allowed_uses");
    for (Use use : Use.values()) {
      if (allows(use).get()) {
        uses.add(use.code());
      }
    }
    String retention = strip(retentionPolicy.get());
    document.remove("retention_policy");
    if (retention.startsWith("{")) {
      try {
        document.set("retention_policy", JSON.readTree(retention));
      } catch (JsonProcessingException e) {
        document.put("retention_policy", retention); // validate() says it is not JSON
      }
    } else if (!retention.isEmpty()) {
      document.put("retention_policy", retention);
    }
    put(document, "language", language.get());
    putList(document, "domain", domain.get(), false);
    putList(document, "acoustic_conditions", acousticConditions.get(), false);
    putList(document, "device_class", deviceClass.get(), false);
    putList(document, "known_gaps", knownGaps.get(), true);
    return document;
  }

  /**
   * Checks the form; fills {@link #problems} with one plain sentence per problem.
   *
   * @return the contract, when it is complete
   */
  public Optional<DatasetContract> validate() {
    List<String> found = new ArrayList<>();
    String id = strip(datasetId.get());
    if (id.isEmpty()) {
      found.add("Give the dataset an id, such as 'call-centre-2026'; clips are keyed by it.");
    } else if (!DATASET_ID.matcher(id).matches()) {
      found.add("The dataset id '" + id + "' may only hold letters, digits, '.', '_' and '-'.");
    }
    require(found, purpose, "Say what the data is for and what the labels will serve (purpose).");
    require(found, owner, "Name the owner: the person or team accountable for the data.");
    require(found, source, "Say where the audio came from (source).");
    if (scopes.isEmpty()) {
      found.add(
          "Declare at least one consent scope; each clip's consent_scope in the manifest must name"
              + " one.");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < scopes.size(); i++) {
      String scopeId = strip(scopes.get(i).idProperty().get());
      if (scopeId.isEmpty()) {
        found.add("Consent scope " + (i + 1) + " has no id: give it one or remove the row.");
      } else if (!seen.add(scopeId)) {
        found.add("The consent scope '" + scopeId + "' is declared twice: keep one row.");
      }
    }
    if (!labeling.get() && !evaluation.get() && !training.get()) {
      found.add("Tick the uses the dataset allows: labeling, evaluation or training.");
    } else if (!labeling.get()) {
      found.add(
          "The dataset does not allow labeling, so every clip would be excluded: tick labeling.");
    }
    String retention = strip(retentionPolicy.get());
    if (retention.isEmpty()) {
      found.add("State the retention policy, e.g. 'delete 3 years after collection'.");
    } else if (retention.startsWith("{")) {
      try {
        JSON.readTree(retention);
      } catch (JsonProcessingException e) {
        found.add(
            "The retention policy starts with '{' but is not valid JSON: fix it or write a"
                + " sentence.");
      }
    }
    String lang = strip(language.get());
    if (lang.isEmpty()) {
      found.add("Give the language as a BCP-47 code, such as 'en' or 'de-CH'.");
    } else if (!LANGUAGE.matcher(lang).matches()) {
      found.add("'" + lang + "' is not a BCP-47 language code; write e.g. 'en' or 'pt-BR'.");
    }
    require(found, domain, "Name the domain of the speech, e.g. 'banking' (one a line).");
    require(
        found,
        acousticConditions,
        "Describe the acoustic conditions, e.g. 'clean' or 'street noise' (one a line).");
    require(
        found, deviceClass, "Name the device class, e.g. 'mobile' or 'telephone' (one a line).");
    if (found.isEmpty()) {
      try {
        DatasetContract contract = DatasetContract.parse(document(), "the contract form");
        problems.clear();
        return Optional.of(contract);
      } catch (ContractException e) {
        e.problems()
            .forEach(problem -> found.add("The contract is not complete: " + problem + "."));
      }
    }
    problems.setAll(found);
    return Optional.empty();
  }

  /** Writes the contract as indented JSON to {@code file}, creating its folder. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.writeValueAsString(document()) + "\n");
  }

  // ---- helpers ----

  private static void require(List<String> found, StringProperty field, String sentence) {
    if (strip(field.get()).isEmpty()) {
      found.add(sentence);
    }
  }

  private static String strip(String text) {
    return text == null ? "" : text.strip();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static List<String> list(JsonNode node) {
    List<String> items = new ArrayList<>();
    if (node == null || node.isNull()) {
      return items;
    }
    if (node.isArray()) {
      node.forEach(item -> items.add(item.asText()));
    } else {
      items.add(node.asText());
    }
    return items;
  }

  private static List<String> split(String text) {
    return Arrays.stream(strip(text).split("\\R"))
        .map(String::strip)
        .filter(item -> !item.isEmpty())
        .toList();
  }

  private static void put(ObjectNode document, String field, String value) {
    String text = strip(value);
    if (text.isEmpty()) {
      document.remove(field);
    } else {
      document.put(field, text);
    }
  }

  private static void putList(ObjectNode document, String field, String value, boolean mayBeEmpty) {
    List<String> items = split(value);
    if (items.isEmpty() && !mayBeEmpty) {
      document.remove(field);
      return;
    }
    ArrayNode array = document.putArray(field);
    items.forEach(array::add);
  }
}
