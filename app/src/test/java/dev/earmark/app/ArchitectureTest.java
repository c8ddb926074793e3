package dev.earmark.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of docs/architecture.md, enforced on the compiled production classes. */
class ArchitectureTest {
  /** What every screen and the shell build on; they depend on no other package of app. */
  private static final String[] SHARED_GUI_PACKAGES = {
    "dev.earmark.app.gui.screen",
    "dev.earmark.app.gui.background",
    "dev.earmark.app.gui.keys",
    "dev.earmark.app.gui.form"
  };

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

  @Test
  void appPackagesFormNoCycle() {
    slices()
        .matching("dev.earmark.app.(**)")
        .should()
        .beFreeOfCycles()
        .because(
            "a package that reaches back to what builds on it cannot be read, tested or moved on"
                + " its own: screens and the shell meet in gui.screen, shared pieces sit in"
                + " gui.background, gui.keys and gui.form, and the screen registry beside"
                + " WorkbenchApp")
        .check(classes);
  }

  @Test
  void workbenchDoesNotDependOnTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("dev.earmark.app.gui..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.earmark.app.cli..")
        .because(
            "what both front ends say and do alike (the version, the demo, QE notes, rule diffs)"
                + " lives in packages of its own; the command line is one user of it, not its"
                + " owner")
        .check(classes);
  }

  @Test
  void commandLineReachesTheWorkbenchOnlyThroughItsLauncher() {
    noClasses()
        .that()
        .resideInAPackage("dev.earmark.app.cli..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.earmark.app.gui..")
                .and(not(name("dev.earmark.app.gui.WorkbenchLauncher"))))
        .because(
            "'earmark' with no subcommand opens the window through WorkbenchLauncher.open, the one"
                + " allowed edge from cli to gui; anything more would load JavaFX classes in"
                + " headless subcommands")
        .check(classes);
  }

  @Test
  void sharedWorkbenchPiecesDependOnNoScreen() {
    classes()
        .that()
        .resideInAnyPackage(SHARED_GUI_PACKAGES)
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("dev.earmark.app..").or(resideInAnyPackage(SHARED_GUI_PACKAGES)))
        .because(
            "the screen contract, the background seam, the keymap and the form pieces are what"
                + " every screen and the shell build on; a dependency back on one of them would"
                + " tie every screen to it")
        .check(classes);
  }
}
