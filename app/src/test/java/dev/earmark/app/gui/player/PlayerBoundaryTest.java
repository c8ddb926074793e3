package dev.earmark.app.gui.player;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PlayerBoundaryTest {
  @Test
  void onlyThePlayerPackageTouchesJavaFxMedia() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.earmark.app.gui.player..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("javafx.scene.media..")
        .because(
            "screens talk to AudioPlayer only, so playback can be swapped and view-models tested"
                + " without a sound card")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.earmark"));
  }
}
