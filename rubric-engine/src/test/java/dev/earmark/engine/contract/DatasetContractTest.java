package dev.earmark.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate TODAY = LocalDate.parse("2026-11-21");

  static ObjectNode complete() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            """
            {
              "dataset_id": "demo",
              "purpose": "evaluate the assistant's ASR",
              "owner": "speech team",
              "source": "synthetic:espeak-ng",
              "consent_scopes": [
                {"id": "full", "description": "any use", "allowed_uses": ["labeling", "evaluation", "training"]},
                {"id": "eval-only", "allowed_uses": ["labeling", "evaluation"]},
                {"id": "no-human-review", "allowed_uses": ["evaluation", "training"]}
              ],
              "allowed_uses": ["labeling", "evaluation", "training"],
              "retention_policy": {"default_retention_until": "2030-12-31"},
              "language": "en",
              "domain": ["banking"],
              "acoustic_conditions": ["clean", "street noise"],
              "device_class": ["mobile"],
              "known_gaps": []
            }
            """);
  }

  @Test
  void completeContractParsesWithAStableHash() throws Exception {
    DatasetContract contract = DatasetContract.parse(complete(), "contract.json");
    assertThat(contract.datasetId()).isEqualTo("demo");
    assertThat(contract.consentScopes()).containsOnlyKeys("full", "eval-only", "no-human-review");
    assertThat(contract.allows("eval-only", Use.LABELING)).isTrue();
    assertThat(contract.allows("eval-only", Use.TRAINING)).isFalse();
    assertThat(contract.allows("nope", Use.LABELING)).isFalse();
    assertThat(contract.contentHash())
        .isEqualTo(DatasetContract.parse(complete(), "again.json").contentHash());
  }

  @Test
  void aDefaultConsentScopeAppliesOnlyToClipsThatNameNone() throws Exception {
    ObjectNode document = complete();
    document.put("default_consent_scope", "eval-only");
    DatasetContract contract = DatasetContract.parse(document, "contract.json");
    assertThat(contract.consentScopeFor(null)).isEqualTo("eval-only");
    assertThat(contract.consentScopeFor(" ")).isEqualTo("eval-only");
    assertThat(contract.consentScopeFor("full")).isEqualTo("full");
    assertThat(DatasetContract.parse(complete(), "c.json").consentScopeFor(null)).isNull();
  }

  @Test
  void aDefaultConsentScopeMustBeDeclared() throws Exception {
    ObjectNode document = complete();
    document.put("default_consent_scope", "everything");
    assertThatThrownBy(() -> DatasetContract.parse(document, "contract.json"))
        .hasMessageContaining(
            "default_consent_scope 'everything' is not one of the consent_scopes (declared: full,"
                + " eval-only, no-human-review)");
    document.put("default_consent_scope", 3);
    assertThatThrownBy(() -> DatasetContract.parse(document, "contract.json"))
        .hasMessageContaining("default_consent_scope must be the id of one of the consent_scopes");
  }

  @Test
  void everyMissingFieldIsNamedAtOnce() throws Exception {
    ObjectNode document = complete();
    document.remove("owner");
    document.put("purpose", "  ");
    document.putArray("device_class");
    document.remove("known_gaps");
    assertThatThrownBy(() -> DatasetContract.parse(document, "contract.json"))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            "contract.json is not a complete dataset contract: missing purpose, owner,"
                + " device_class, known_gaps (see docs/formats/dataset-contract.md)");
  }

  @Test
  void audioOutsideTheManifestsFolderIsRefusedUnlessTheContractSaysTrue() throws Exception {
    ObjectNode document = complete();
    assertThat(DatasetContract.parse(document, "c.json").allowsAudioOutsideManifestFolder())
        .isFalse();
    document.put(DatasetContract.AUDIO_OUTSIDE_MANIFEST_FOLDER, true);
    assertThat(DatasetContract.parse(document, "c.json").allowsAudioOutsideManifestFolder())
        .isTrue();
    document.put(DatasetContract.AUDIO_OUTSIDE_MANIFEST_FOLDER, "yes");
    assertThatThrownBy(() -> DatasetContract.parse(document, "c.json"))
        .isInstanceOf(ContractException.class)
        .hasMessageContaining("audio_outside_manifest_folder must be true or false");
  }

  @Test
  void malformedScopesAndUsesAreNamed() throws Exception {
    ObjectNode document = complete();
    document.putArray("allowed_uses").add("labelling");
    var scopes = document.putArray("consent_scopes");
    scopes.addObject().put("id", "a").putArray("allowed_uses").add("training");
    scopes.addObject().put("id", "a");
    scopes.addObject().put("description", "no id");
    var problems =
        org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> DatasetContract.parse(document, "c.json"), ContractException.class)
            .problems();
    assertThat(problems)
        .containsExactly(
            "allowed_uses has unknown use 'labelling': use labeling, evaluation or training",
            "consent_scopes[1] repeats the scope id 'a'",
            "consent_scopes[2] has no id");
  }

  @Test
  void declaredSourcesAreTheSourceAndTheOptionalSourcesList() throws Exception {
    ObjectNode document = complete();
    document.put("source", "Synthetic speech, see the README");
    assertThat(DatasetContract.parse(document, "c.json").declaredSources())
        .containsExactly("Synthetic speech, see the README");

    document.putArray("sources").add("synthetic:espeak-ng").add(" vendor:acme ");
    assertThat(DatasetContract.parse(document, "c.json").declaredSources())
        .containsExactlyInAnyOrder(
            "Synthetic speech, see the README", "synthetic:espeak-ng", "vendor:acme");

    document.putArray("sources").add("ok").add("").add(3);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> DatasetContract.parse(document, "c.json"), ContractException.class)
                .problems())
        .containsExactly(
            "sources must be a list of source ids as the manifest's clips name them, e.g."
                + " [\"synthetic:espeak-ng\"]");
  }

  @Test
  void aDocumentThatIsNotAnObjectIsRefused() throws Exception {
    assertThatThrownBy(() -> DatasetContract.parse(JSON.readTree("[1]"), "c.json"))
        .hasMessageContaining("one JSON object");
    ObjectNode document = complete();
    document.put("consent_scopes", "full");
    document.put("allowed_uses", "labeling");
    assertThatThrownBy(() -> DatasetContract.parse(document, "c.json"))
        .hasMessageContaining("allowed_uses must be a list")
        .hasMessageContaining("consent_scopes must be a list");
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      quoteCharacter = '"',
      textBlock =
          """
          full,            2030-01-01, eligible,                 -
          full,            2026-11-21, eligible,                 -
          full,            2026-11-20, retention-expired,        retention ended on 2026-11-20 (today is 2026-11-21)
          full,            -,          eligible,                 -
          no-human-review, 2030-01-01, consent-forbids-labeling, consent scope 'no-human-review' does not allow labeling
          secret,          2030-01-01, unknown-consent-scope,    "consent scope 'secret' is not declared in the dataset contract (declared: eval-only, full, no-human-review)"
          -,               2030-01-01, missing-consent,          the clip has no consent_scope
          """)
  void eligibilityForLabeling(String scope, String retention, String code, String reason)
      throws Exception {
    DatasetContract contract = DatasetContract.parse(complete(), "contract.json");
    Eligibility result =
        Eligibility.forLabeling(
            contract, scope, retention == null ? null : LocalDate.parse(retention), TODAY);
    if (code.equals("eligible")) {
      assertThat(result).isInstanceOf(Eligibility.Eligible.class);
    } else {
      assertThat(result).isEqualTo(new Eligibility.Excluded(code, reason));
    }
  }

  @Test
  void contractForbiddingLabelingExcludesEveryScope() throws Exception {
    ObjectNode document = complete();
    document.putArray("allowed_uses").add("evaluation");
    DatasetContract contract = DatasetContract.parse(document, "c.json");
    assertThat(Eligibility.forLabeling(contract, "full", null, TODAY))
        .isEqualTo(
            new Eligibility.Excluded(
                "consent-forbids-labeling", "consent scope 'full' does not allow labeling"));
  }
}
