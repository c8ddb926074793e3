package dev.earmark.storage.export.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ElanEafTest {
  private static final Instant EXPORT_TIME = Instant.parse("2026-11-21T12:00:00Z");
  @TempDir Path dir;

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static List<Element> elements(Document document, String tag) {
    NodeList nodes = document.getElementsByTagName(tag);
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      elements.add((Element) nodes.item(i));
    }
    return elements;
  }

  @Test
  void segmentedClipParsesBackWithSlotsTiersAndAnnotations() throws Exception {
    List<Path> written = new ElanEaf(EXPORT_TIME).write(List.of(TestClips.segmented()), dir);

    assertThat(written).containsExactly(dir.resolve("Z=C3=BCrich=20interview=2F02.eaf"));
    Document document = parse(written.get(0));
    Element root = document.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("ANNOTATION_DOCUMENT");
    assertThat(root.getAttribute("FORMAT")).isEqualTo("3.0");
    assertThat(root.getAttribute("DATE")).isEqualTo("2026-11-21T12:00:00Z");
    Element header = elements(document, "HEADER").get(0);
    assertThat(header.getAttribute("TIME_UNITS")).isEqualTo("milliseconds");
    Element media = elements(document, "MEDIA_DESCRIPTOR").get(0);
    assertThat(media.getAttribute("MEDIA_URL"))
        .isEqualTo(Path.of("/data/project/audio/Zürich interview 02.flac").toUri().toString());
    assertThat(media.hasAttribute("RELATIVE_MEDIA_URL")).isFalse();
    assertThat(media.getAttribute("MIME_TYPE")).isEqualTo("audio/flac");

    Map<String, Long> slots = new HashMap<>();
    for (Element slot : elements(document, "TIME_SLOT")) {
      slots.put(slot.getAttribute("TIME_SLOT_ID"), Long.parseLong(slot.getAttribute("TIME_VALUE")));
    }
    assertThat(slots).isEqualTo(Map.of("ts1", 0L, "ts2", 1200L, "ts3", 1500L, "ts4", 3250L));

    List<Element> tiers = elements(document, "TIER");
    assertThat(tiers)
        .extracting(tier -> tier.getAttribute("TIER_ID"))
        .containsExactly("Anne-Marie Ø", "Bob");
    List<String> annotations = new ArrayList<>();
    for (Element tier : tiers) {
      NodeList alignable = tier.getElementsByTagName("ALIGNABLE_ANNOTATION");
      for (int i = 0; i < alignable.getLength(); i++) {
        Element annotation = (Element) alignable.item(i);
        annotations.add(
            tier.getAttribute("TIER_ID")
                + " "
                + annotation.getAttribute("ANNOTATION_ID")
                + " "
                + slots.get(annotation.getAttribute("TIME_SLOT_REF1"))
                + "-"
                + slots.get(annotation.getAttribute("TIME_SLOT_REF2"))
                + " "
                + annotation.getElementsByTagName("ANNOTATION_VALUE").item(0).getTextContent());
      }
      assertThat(tier.getAttribute("LINGUISTIC_TYPE_REF")).isEqualTo("transcription");
    }
    assertThat(annotations)
        .containsExactly(
            "Anne-Marie Ø a1 0-1200 Grüezi mitenand", "Bob a2 1500-3250 \"so\" (lacht) {ja}");
    assertThat(elements(document, "LINGUISTIC_TYPE").get(0).getAttribute("LINGUISTIC_TYPE_ID"))
        .isEqualTo("transcription");
  }

  @Test
  void unsegmentedAndEmptyClipsAreOneAnnotationOverTheClip() throws Exception {
    List<Path> written =
        new ElanEaf(EXPORT_TIME).write(List.of(TestClips.empty(), TestClips.plain()), dir);

    assertThat(written).containsExactly(dir.resolve("clip-001.eaf"), dir.resolve("empty.eaf"));
    Document empty = parse(written.get(1));
    assertThat(elements(empty, "TIME_SLOT"))
        .extracting(slot -> slot.getAttribute("TIME_VALUE"))
        .containsExactly("0", "1000");
    assertThat(elements(empty, "TIER").get(0).getAttribute("TIER_ID")).isEqualTo("empty");
    assertThat(elements(empty, "ANNOTATION_VALUE").get(0).getTextContent()).isEmpty();
    Document plain = parse(written.get(0));
    assertThat(elements(plain, "ANNOTATION_VALUE").get(0).getTextContent())
        .isEqualTo("the quick brown fox");
    assertThat(elements(plain, "MEDIA_DESCRIPTOR").get(0).getAttribute("MIME_TYPE"))
        .isEqualTo("audio/x-wav");
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          a & b < c > "d"  => a &amp; b &lt; c &gt; &quot;d&quot;
          bell\u0007gone    => bellgone
          Ünïcödé 😀        => Ünïcödé 😀
          """)
  void xmlEscapingKeepsTextAndDropsForbiddenCharacters(String text, String escaped) {
    assertThat(ElanEaf.xml(text)).isEqualTo(escaped);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          a.MP3,  audio/mpeg
          a.ogg,  audio/ogg
          a.opus, unknown
          """)
  void mimeTypesFollowTheAudioExtension(String path, String mime) {
    assertThat(ElanEaf.mimeType(path)).isEqualTo(mime);
  }
}
