package dev.earmark.app.cli.doc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The docs index pages link every page, and no relative link in docs/ points at nothing. */
class DocsLinksTest {
  /** Surefire runs in the app module's directory; the docs live at the repository root. */
  private static final Path DOCS = Path.of("..", "docs");

  /** A Markdown link target: [text](target) where target is not a URL. */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void formatsIndexListsEveryFormatPage() throws IOException {
    String index = Files.readString(DOCS.resolve("formats/README.md"), StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(DOCS.resolve("formats"))) {
      List<String> pages =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> !name.equals("README.md"))
              .filter(name -> name.endsWith(".md") || name.endsWith(".json"))
              .toList();
      assertThat(pages).isNotEmpty();
      for (String page : pages) {
        assertThat(index)
            .as("docs/formats/README.md should link " + page + " with one line saying what it is")
            .contains("](" + page + ")");
      }
    }
  }

  @Test
  void docsIndexLinksEveryTopLevelPage() throws IOException {
    String index = Files.readString(DOCS.resolve("README.md"), StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(DOCS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
        String name = file.getFileName().toString();
        if (!name.equals("README.md")) {
          assertThat(index).as("docs/README.md should link " + name).contains("](" + name + ")");
        }
      }
    }
  }

  @Test
  void relativeLinksInTheIndexesAndGeneratedPagesResolve() throws IOException {
    List<String> broken = new ArrayList<>();
    for (String page : List.of("README.md", "formats/README.md", "troubleshooting.md", "cli.md")) {
      Path file = DOCS.resolve(page);
      Matcher link = LINK.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (link.find()) {
        String target = link.group(1);
        if (target.startsWith("http") || target.startsWith("#")) {
          continue;
        }
        String path = target.replaceFirst("#.*$", "");
        if (!Files.exists(file.getParent().resolve(path))) {
          broken.add(page + " -> " + target);
        }
      }
    }
    assertThat(broken).as("relative links to files that do not exist").isEmpty();
  }
}
