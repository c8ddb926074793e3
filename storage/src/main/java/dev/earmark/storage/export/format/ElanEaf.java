package dev.earmark.storage.export.format;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * ELAN annotation documents (EAF 3.0), one file {@code CLIP.eaf} per clip (file names as in {@link
 * PraatTextGrid}). The header's MEDIA_DESCRIPTOR points at the audio: when it travels with the
 * batch, MEDIA_URL and RELATIVE_MEDIA_URL are both the relative URL {@code ../audio/NAME}; else
 * MEDIA_URL is the source's absolute {@code file:} URL and there is no relative one; TIME_ORDER
 * holds one TIME_SLOT per distinct boundary in milliseconds, ids {@code ts1…} in time order; one
 * TIER per speaker (sorted) holds ALIGNABLE_ANNOTATIONs (ids {@code a1…}) of linguistic type {@code
 * transcription}. A clip without segments is one tier with one annotation over the whole clip. The
 * document DATE is the export time given at construction, so files are reproducible. Characters XML
 * 1.0 forbids (C0 controls other than tab and line breaks) are dropped. Lossy: hypotheses, slices
 * and language are dropped. Immutable, thread-safe.
 */
public final class ElanEaf implements ExportFormat {
  private final String documentDateText;

  /**
   * @param documentDate written as the document's DATE; pass the export's (pinned) time
   */
  public ElanEaf(Instant documentDate) {
    this.documentDateText =
        DateTimeFormatter.ISO_INSTANT.format(Objects.requireNonNull(documentDate, "documentDate"));
  }

  @Override
  public String id() {
    return "eaf";
  }

  @Override
  public List<Path> write(List<ExportClip> clips, Path outDir) {
    return writeHashed(clips, outDir).stream().map(WrittenFile::path).toList();
  }

  @Override
  public List<WrittenFile> writeHashed(List<ExportClip> clips, Path outDir) {
    return FormatFiles.writePerClip(
        clips, outDir, clip -> FormatFiles.fileStem(clip.clipId()) + ".eaf", this::document);
  }

  String document(ExportClip clip) {
    SpeakerTiers tiers = SpeakerTiers.of(clip);
    TreeSet<Long> times = new TreeSet<>();
    for (List<SpeakerTiers.Interval> tier : tiers.tiers().values()) {
      for (SpeakerTiers.Interval interval : tier) {
        times.add(interval.startMillis());
        times.add(interval.endMillis());
      }
    }
    List<Long> slots = new ArrayList<>(times);
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\"")
        .append(documentDateText)
        .append("\" FORMAT=\"3.0\" VERSION=\"3.0\"")
        .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
        .append(" xsi:noNamespaceSchemaLocation=\"http://www.mpi.nl/tools/elan/EAFv3.0.xsd\">\n");
    out.append("    <HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">\n");
    out.append("        <MEDIA_DESCRIPTOR MEDIA_URL=\"")
        .append(xml(mediaUrl(clip)))
        .append("\" MIME_TYPE=\"")
        .append(mimeType(clip.audioPath().getFileName().toString()));
    if (clip.audioInBatch()) {
      out.append("\" RELATIVE_MEDIA_URL=\"").append(xml(mediaUrl(clip)));
    }
    out.append("\"/>\n");
    out.append("        <PROPERTY NAME=\"lastUsedAnnotationId\">")
        .append(tiers.tiers().values().stream().mapToInt(List::size).sum())
        .append("</PROPERTY>\n");
    out.append("    </HEADER>\n");
    out.append("    <TIME_ORDER>\n");
    for (int i = 0; i < slots.size(); i++) {
      out.append("        <TIME_SLOT TIME_SLOT_ID=\"ts")
          .append(i + 1)
          .append("\" TIME_VALUE=\"")
          .append(slots.get(i))
          .append("\"/>\n");
    }
    out.append("    </TIME_ORDER>\n");
    int annotation = 0;
    for (Map.Entry<String, List<SpeakerTiers.Interval>> tier : tiers.tiers().entrySet()) {
      out.append("    <TIER LINGUISTIC_TYPE_REF=\"transcription\" PARTICIPANT=\"")
          .append(xml(tier.getKey()))
          .append("\" TIER_ID=\"")
          .append(xml(tier.getKey()))
          .append("\">\n");
      for (SpeakerTiers.Interval interval : tier.getValue()) {
        out.append("        <ANNOTATION>\n");
        out.append("            <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a")
            .append(++annotation)
            .append("\" TIME_SLOT_REF1=\"ts")
            .append(slots.indexOf(interval.startMillis()) + 1)
            .append("\" TIME_SLOT_REF2=\"ts")
            .append(slots.indexOf(interval.endMillis()) + 1)
            .append("\">\n");
        out.append("                <ANNOTATION_VALUE>")
            .append(xml(interval.text()))
            .append("</ANNOTATION_VALUE>\n");
        out.append("            </ALIGNABLE_ANNOTATION>\n");
        out.append("        </ANNOTATION>\n");
      }
      out.append("    </TIER>\n");
    }
    out.append(
        "    <LINGUISTIC_TYPE GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"transcription\""
            + " TIME_ALIGNABLE=\"true\"/>\n");
    out.append("</ANNOTATION_DOCUMENT>\n");
    return out.toString();
  }

  /**
   * The media URL: the relative URL {@code ../audio/NAME} (percent-encoded) when the audio travels
   * with the batch, so no project path is written and a moved batch still finds it; else the
   * absolute {@code file:} URL of the source.
   */
  static String mediaUrl(ExportClip clip) {
    if (!clip.audioInBatch()) {
      return clip.audioPath().toUri().toString();
    }
    try {
      return new java.net.URI(null, null, FormatFiles.audioReference(clip), null).toASCIIString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("A relative path always makes a URI.", e);
    }
  }

  static String mimeType(String audioPath) {
    String lower = audioPath.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".wav")) {
      return "audio/x-wav";
    } else if (lower.endsWith(".mp3")) {
      return "audio/mpeg";
    } else if (lower.endsWith(".flac")) {
      return "audio/flac";
    } else if (lower.endsWith(".ogg")) {
      return "audio/ogg";
    }
    return "unknown";
  }

  /** Escapes text for XML attributes and content, dropping characters XML 1.0 forbids. */
  static String xml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> {
                  boolean allowed =
                      c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !(c >= 0xD800 && c <= 0xDFFF);
                  if (allowed) {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }
}
