package dev.earmark.storage.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.storage.Databases;
import dev.earmark.storage.TestClocks;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same migrations give every concept of PRODUCT.md §2 its table on H2 and on PostgreSQL. */
class SchemaTest {
  static List<Named<Supplier<Project>>> databases() {
    return Databases.fresh(TestClocks.FIXED);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void everyDomainConceptHasItsTable(Supplier<Project> factory) {
    try (Project project = factory.get()) {
      List<String> tables =
          project
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT LOWER(table_name) FROM information_schema.tables"
                                  + " WHERE LOWER(table_schema) = 'public'")
                          .mapTo(String.class)
                          .list());
      assertThat(tables)
          .contains(
              "project_meta",
              "users",
              "user_roles",
              "audit_events",
              "datasets",
              "clips",
              "import_runs",
              "rubric_versions",
              "rule_set_versions",
              "label_policies",
              "project_settings",
              "assignments",
              "gold_answers",
              "labels",
              "disputes",
              "adjudications",
              "policy_proposals",
              "qe_models",
              "qe_hints",
              "qe_drift",
              "batches",
              "batch_items",
              "packs");
    }
  }
}
