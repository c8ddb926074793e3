package dev.earmark.app.cli;

import dev.earmark.audio.AudioException;
import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioSource;
import dev.earmark.audio.decode.AudioValidation;
import dev.earmark.audio.decode.InvalidReason;
import dev.earmark.audio.peaks.AudiowaveformFormat;
import dev.earmark.audio.peaks.PeakLevel;
import dev.earmark.audio.peaks.PeakPyramid;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark audio peaks FILE --samples-per-pixel N --out F}: exact min/max per block of N
 * frames for every channel, written in BBC audiowaveform's version-2 {@code .dat} layout, or its
 * JSON layout when F ends in {@code .json} (see {@link AudiowaveformFormat}).
 */
@Command(
    name = "peaks",
    mixinStandardHelpOptions = true,
    description = {
      "Write waveform peaks (min/max per block) in BBC audiowaveform's layout:",
      "binary .dat (version 2), or JSON when --out ends in .json."
    })
public final class AudioPeaksCommand implements Callable<Integer> {
  enum Format {
    DAT,
    JSON
  }

  /** 2^24 frames per pixel: over 5 minutes of 48 kHz audio in one pixel. */
  static final int MAX_SAMPLES_PER_PIXEL = 1 << 24;

  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "WAV, FLAC, MP3 or OGG Vorbis file.")
  Path file;

  @Option(
      names = "--samples-per-pixel",
      paramLabel = "N",
      required = true,
      description = "Frames per min/max pair, 1 to 16777216 (audiowaveform's default is 256).")
  int samplesPerPixel;

  @Option(names = "--out", paramLabel = "F", required = true, description = "Output file.")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "dat|json",
      description = "Output layout; default: json if --out ends in .json, else dat.")
  Format format;

  @Override
  public Integer call() {
    if (samplesPerPixel < 1 || samplesPerPixel > MAX_SAMPLES_PER_PIXEL) {
      throw new InputException(
          "--samples-per-pixel must be 1 to "
              + MAX_SAMPLES_PER_PIXEL
              + ", not "
              + samplesPerPixel
              + " (audiowaveform's default is 256)");
    }
    AudioValidation validation = AudioDecoder.validate(file);
    if (validation instanceof AudioValidation.Invalid invalid) {
      if (invalid.reason() == InvalidReason.UNREADABLE) {
        throw new InputException(file + ": " + invalid.message());
      }
      spec.commandLine()
          .getErr()
          .printf("%s: invalid (%s): %s%n", file, invalid.reason().id(), invalid.message());
      spec.commandLine().getErr().flush();
      return ExitCode.CHECK_FAILED;
    }
    PeakPyramid pyramid;
    try (AudioSource source = AudioDecoder.open(file)) {
      pyramid = PeakPyramid.build(source, samplesPerPixel, 2, 1);
    } catch (AudioException e) {
      throw new InputException(e.getMessage(), e);
    }
    PeakLevel level = pyramid.levels().get(0);
    Format chosen = format != null ? format : chooseFormat(out);
    try {
      if (chosen == Format.JSON) {
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
          AudiowaveformFormat.writeJson(level, pyramid.sampleRate(), writer);
        }
      } else {
        try (OutputStream stream = Files.newOutputStream(out)) {
          AudiowaveformFormat.writeDat(level, pyramid.sampleRate(), stream);
        }
      }
    } catch (IOException e) {
      throw new InputException(out + ": the peaks could not be written: " + e.getMessage(), e);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("file", file.toString());
    result.put("out", out.toString());
    result.put("format", chosen.name().toLowerCase(Locale.ROOT));
    result.put("sample_rate", pyramid.sampleRate());
    result.put("channels", pyramid.channels());
    result.put("samples_per_pixel", samplesPerPixel);
    result.put("length", level.length());
    if (json.enabled()) {
      JsonOutput.print(spec.commandLine().getOut(), result);
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              "%s: %d peaks x %d channel(s) at %d samples/pixel written to %s (%s)%n",
              file, level.length(), pyramid.channels(), samplesPerPixel, out, result.get("format"));
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK;
  }

  private static Format chooseFormat(Path out) {
    return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
        ? Format.JSON
        : Format.DAT;
  }
}
