package dev.earmark.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of docs/architecture.md, enforced on the compiled production classes. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.earmark");
  }

  @Test
  void rubricEngineIsFreeOfUiAndSql() {
    noClasses()
        .that()
        .resideInAPackage("dev.earmark.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", "java.sql..", "javax.sql..", "org.jdbi..", "org.h2..")
        .because(
            "the rubric engine is the pure domain core: the command line, storage and UI all build"
                + " on it, and it must stay testable without a window or a database")
        .check(classes);
  }

  @Test
  void rubricEngineDependsOnNoOtherEarmarkModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.earmark.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.earmark.audio..", "dev.earmark.storage..", "dev.earmark.app..")
        .because("dependencies point inward: app -> storage -> audio / rubric-engine")
        .check(classes);
  }

  @Test
  void appHoldsNoSql() {
    noClasses()
        .that()
        .resideInAPackage("dev.earmark.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jdbi..", "java.sql..", "javax.sql..")
        .because(
            "every read and write goes through one storage service that checks roles, validates"
                + " and audits; SQL in a screen or command would bypass it and parse rows its own"
                + " way (storage's Clips is the clip read model)")
        .check(classes);
  }

  @Test
  void storageAndAudioAreFreeOfJavaFx() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.earmark.storage..", "dev.earmark.audio..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("javafx..")
        .because(
            "import, export, training and the headless command line run storage and audio code"
                + " on machines with no display")
        .check(classes);
  }

  @Test
  void audioDoesNotReachIntoStorageOrApp() {
    noClasses()
        .that()
        .resideInAPackage("dev.earmark.audio..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.earmark.storage..", "dev.earmark.app..")
        .because("audio is shared by import, the workbench and QE training; it knows no database")
        .check(classes);
  }

  @Test
  void storageDoesNotReachIntoApp() {
    noClasses()
        .that()
        .resideInAPackage("dev.earmark.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.earmark.app..")
        .because("storage serves both the command line and the workbench")
        .check(classes);
  }

  @Test
  void commandLineNeverTouchesJavaFx() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.earmark.app.cli..", "dev.earmark.app.serve..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("javafx..")
        .because(
            "subcommands and the QE service run headless; only the gui package may load the JavaFX"
                + " toolkit (the cli reaches it through WorkbenchLauncher alone)")
        .check(classes);
  }
}
