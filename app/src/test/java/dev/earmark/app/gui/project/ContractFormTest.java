package dev.earmark.app.gui.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earmark.engine.contract.DatasetContract;
import dev.earmark.engine.contract.Use;
import dev.earmark.fixtures.DemoDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract form: plain sentences for what is missing, and the importer's contract when not. */
class ContractFormTest {
  @TempDir static Path dir;
  private static Path demoContract;

  @BeforeAll
  static void copyDemo() throws Exception {
    demoContract = DemoDataset.copyTo(dir.resolve("demo")).resolveSibling(DemoDataset.CONTRACT);
  }

  @Test
  void aContractNestedDeeperThanJacksonAllowsIsRefusedAsInvalidJsonNotANullPointer()
      throws Exception {
    Path deep = dir.resolve("deep.json");
    Files.writeString(deep, "{\"known_gaps\": " + "[".repeat(1_500) + "]".repeat(1_500) + "}");

    assertThatThrownBy(() -> new ContractForm().load(deep))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageStartingWith(deep + " is not valid JSON (")
        .hasMessageContaining("nesting");
  }

  @Test
  void anEmptyFormSaysWhatToFillInFieldByField() {
    ContractForm form = new ContractForm();

    assertThat(form.validate()).isEmpty();

    assertThat(form.problems())
        .containsExactly(
            "Give the dataset an id, such as 'call-centre-2026'; clips are keyed by it.",
            "Say what the data is for and what the labels will serve (purpose).",
            "Name the owner: the person or team accountable for the data.",
            "Say where the audio came from (source).",
            "Declare at least one consent scope; each clip's consent_scope in the manifest must"
                + " name one.",
            "State the retention policy, e.g. 'delete 3 years after collection'.",
            "Give the language as a BCP-47 code, such as 'en' or 'de-CH'.",
            "Name the domain of the speech, e.g. 'banking' (one a line).",
            "Describe the acoustic conditions, e.g. 'clean' or 'street noise' (one a line).",
            "Name the device class, e.g. 'mobile' or 'telephone' (one a line).");
  }

  @Test
  void theDemoContractLoadsCompleteAndKeepsItsContentHash() throws Exception {
    ContractForm form = new ContractForm();
    form.load(demoContract);

    Optional<DatasetContract> contract = form.validate();

    assertThat(form.problems()).isEmpty();
    assertThat(contract).isPresent();
    DatasetContract original =
        DatasetContract.parse(
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(demoContract.toFile()),
            "demo");
    assertThat(contract.get().contentHash()).isEqualTo(original.contentHash());
    assertThat(contract.get().consentScopes())
        .containsKeys("synthetic-demo", "eval-only", "no-human-review", "training-only");
    assertThat(form.acousticConditionsProperty().get())
        .startsWith("clean\nwhite noise at 20, 10 and 5 dB SNR\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          dataset id | bad id!   | The dataset id 'bad id!' may only hold letters, digits, '.', '_' and '-'.
          language   | english 1 | 'english 1' is not a BCP-47 language code; write e.g. 'en' or 'pt-BR'.
          retention  | {oops     | The retention policy starts with '{' but is not valid JSON: fix it or write a sentence.
          owner      | '  '      | Name the owner: the person or team accountable for the data.
          """)
  void oneWrongFieldGivesOneSentence(String field, String value, String sentence) throws Exception {
    ContractForm form = new ContractForm();
    form.load(demoContract);
    switch (field) {
      case "dataset id" -> form.datasetIdProperty().set(value);
      case "language" -> form.languageProperty().set(value);
      case "retention" -> form.retentionPolicyProperty().set(value);
      case "owner" -> form.ownerProperty().set(value);
      default -> throw new IllegalArgumentException(field);
    }

    assertThat(form.validate()).isEmpty();
    assertThat(form.problems()).containsExactly(sentence);
  }

  @Test
  void scopesNeedIdsOnceEachAndTheDatasetMustAllowLabeling() throws Exception {
    ContractForm form = new ContractForm();
    form.load(demoContract);
    int declared = form.scopes().size();
    form.addScope();
    form.addScope().idProperty().set("synthetic-demo");
    form.allows(Use.LABELING).set(false);

    assertThat(form.validate()).isEmpty();
    assertThat(form.problems())
        .containsExactly(
            "Consent scope " + (declared + 1) + " has no id: give it one or remove the row.",
            "The consent scope 'synthetic-demo' is declared twice: keep one row.",
            "The dataset does not allow labeling, so every clip would be excluded: tick labeling.");
  }

  @Test
  void aFormTypedByHandWritesAContractTheImporterAccepts() throws Exception {
    ContractForm form = new ContractForm();
    form.datasetIdProperty().set("calls-2026");
    form.purposeProperty().set("Evaluate ASR on support calls");
    form.ownerProperty().set("Speech team");
    form.sourceProperty().set("Recorded support calls");
    ConsentScopeRow scope = form.addScope();
    scope.idProperty().set("support-2026");
    scope.allows(Use.EVALUATION).set(true);
    form.allows(Use.EVALUATION).set(true);
    form.retentionPolicyProperty().set("delete 3 years after collection");
    form.languageProperty().set("en-GB");
    form.domainProperty().set("telecom\n billing\n");
    form.acousticConditionsProperty().set("telephone band");
    form.deviceClassProperty().set("telephone");

    Optional<DatasetContract> contract = form.validate();
    Path file = dir.resolve("contracts/calls-2026.json");
    form.write(file);

    assertThat(form.problems()).isEmpty();
    assertThat(contract.get().allows("support-2026", Use.LABELING)).isTrue();
    assertThat(contract.get().allows("support-2026", Use.TRAINING)).isFalse();
    assertThat(Files.readString(file)).contains("\"known_gaps\" : [ ]", "\"telecom\", \"billing\"");
    DatasetContract reread =
        DatasetContract.parse(
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()), "file");
    assertThat(reread.contentHash()).isEqualTo(contract.get().contentHash());
  }
}
