package dev.earmark.storage;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The package structure of storage, enforced on its compiled production classes (app's {@code
 * ArchitectureTest} enforces the layering between modules).
 */
class StoragePackagesTest {
  private static final String ROOT = "dev.earmark.storage";

  /** Every package its own slice, the root and each sub-package included (not folded upwards). */
  private static final SliceAssignment EACH_PACKAGE =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String name = javaClass.getPackageName();
          return name.equals(ROOT) || name.startsWith(ROOT + ".")
              ? SliceIdentifier.of(name)
              : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "each package of " + ROOT;
        }
      };

  @Test
  void packagesAreFreeOfCycles() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    slices()
        .assignedFrom(EACH_PACKAGE)
        .should()
        .beFreeOfCycles()
        .because(
            "a package is a feature that can be read, tested and changed from the bottom up: the"
                + " exceptions at the root, who acts (user), the audit chain, the project, role"
                + " checks (access), then the features; a cycle makes every package in it one"
                + " unit that can only be understood whole")
        .check(classes);
  }
}
