package dev.earmark.storage.importer.interchange;

import dev.earmark.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads an ELAN annotation document (EAF 2.x or 3.0): the {@code MEDIA_DESCRIPTOR}s' audio, the
 * {@code TIME_ORDER} and every top-level tier of {@code ALIGNABLE_ANNOTATION}s as a {@link
 * TierDocument.Tier} (speaker = the tier's {@code PARTICIPANT}, else its {@code TIER_ID}).
 * Dependent tiers ({@code PARENT_REF}: translations, glosses) and annotations whose time slots have
 * no value are reported as skipped. Document type declarations are refused, so no external entity
 * is ever read. Stateless and thread-safe.
 */
public final class ElanEafReader {
  private ElanEafReader() {}

  /**
   * Reads {@code file}.
   *
   * @throws StorageException naming the file, tier and annotation when it is no usable EAF
   */
  public static TierDocument read(Path file) {
    Document document = parse(file);
    Element root = document.getDocumentElement();
    if (!"ANNOTATION_DOCUMENT".equals(root.getTagName())) {
      throw new StorageException(
          file + " is not an ELAN document: its root element is <" + root.getTagName() + ">");
    }
    double unit = 0.001; // TIME_UNITS: milliseconds is the only unit EAF defines
    List<String> media = new ArrayList<>();
    for (Element descriptor : elements(root, "MEDIA_DESCRIPTOR")) {
      String mime = descriptor.getAttribute("MIME_TYPE");
      if (!mime.isEmpty() && !mime.startsWith("audio/") && !mime.equals("unknown")) {
        continue;
      }
      for (String attribute : List.of("RELATIVE_MEDIA_URL", "MEDIA_URL")) {
        if (!descriptor.getAttribute(attribute).isBlank()) {
          media.add(descriptor.getAttribute(attribute).strip());
        }
      }
    }
    Map<String, Double> slots = new HashMap<>();
    double last = 0;
    for (Element slot : elements(root, "TIME_SLOT")) {
      String value = slot.getAttribute("TIME_VALUE");
      if (!value.isBlank()) {
        try {
          double seconds = Long.parseLong(value.strip()) * unit;
          slots.put(slot.getAttribute("TIME_SLOT_ID"), seconds);
          last = Math.max(last, seconds);
        } catch (NumberFormatException e) {
          throw new StorageException(
              file
                  + ": TIME_SLOT "
                  + slot.getAttribute("TIME_SLOT_ID")
                  + " has TIME_VALUE '"
                  + value
                  + "', not whole milliseconds");
        }
      }
    }
    List<TierDocument.Tier> tiers = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Element tier : elements(root, "TIER")) {
      String id = tier.getAttribute("TIER_ID");
      if (!tier.getAttribute("PARENT_REF").isBlank()) {
        skipped.add(
            "tier \""
                + id
                + "\" depends on tier \""
                + tier.getAttribute("PARENT_REF")
                + "\"; only top-level tiers become segments");
        continue;
      }
      String participant = tier.getAttribute("PARTICIPANT").strip();
      String speaker = participant.isEmpty() ? id : participant;
      List<Segment> segments = new ArrayList<>();
      for (Element annotation : elements(tier, "ALIGNABLE_ANNOTATION")) {
        String annotationId = annotation.getAttribute("ANNOTATION_ID");
        Double start = slots.get(annotation.getAttribute("TIME_SLOT_REF1"));
        Double end = slots.get(annotation.getAttribute("TIME_SLOT_REF2"));
        if (start == null || end == null) {
          skipped.add(
              "tier \""
                  + id
                  + "\" annotation "
                  + annotationId
                  + " has a time slot without TIME_VALUE (unaligned); align it in ELAN");
          continue;
        }
        if (!(end > start)) {
          throw new StorageException(
              file
                  + ": tier \""
                  + id
                  + "\" annotation "
                  + annotationId
                  + " ends ("
                  + end
                  + " s) before it starts ("
                  + start
                  + " s)");
        }
        String text = "";
        for (Element value : elements(annotation, "ANNOTATION_VALUE")) {
          text = value.getTextContent().strip();
        }
        if (!text.isEmpty()) {
          segments.add(new Segment(start, end, speaker, text));
        }
      }
      segments.sort(Comparator.comparingDouble(Segment::startSeconds));
      tiers.add(new TierDocument.Tier(id, participant.isEmpty() ? null : participant, segments));
    }
    return new TierDocument(last, media, tiers, skipped);
  }

  private static Document parse(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(
          new org.xml.sax.ErrorHandler() {
            @Override
            public void warning(org.xml.sax.SAXParseException e) {}

            @Override
            public void error(org.xml.sax.SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return builder.parse(file.toFile());
    } catch (SAXException e) {
      throw new StorageException(
          file + " is not well-formed XML (" + e.getMessage() + "); save it again from ELAN", e);
    } catch (IOException e) {
      throw new StorageException("cannot read the EAF " + file + ": " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be configured securely", e);
    }
  }

  private static List<Element> elements(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    List<Element> elements = new ArrayList<>(nodes.getLength());
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element) {
        elements.add(element);
      }
    }
    return elements;
  }
}
