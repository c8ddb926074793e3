package dev.earmark.app.cli;

import dev.earmark.audio.decode.AudioDecoder;
import dev.earmark.audio.decode.AudioInfo;
import dev.earmark.audio.decode.AudioValidation;
import dev.earmark.audio.decode.InvalidReason;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code earmark audio info FILE}: codec, rate, channels, bit depth, duration and validity. Exit 1
 * when the file is not usable audio (the reason is printed), 2 when it is missing or unreadable.
 */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Print an audio file's format and whether it is valid (exit 1 if not).")
public final class AudioInfoCommand implements Callable<Integer> {
  @Mixin JsonOption json;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "WAV, FLAC, MP3 or OGG Vorbis file.")
  Path file;

  @Override
  public Integer call() {
    AudioValidation validation = AudioDecoder.validate(file);
    PrintWriter out = spec.commandLine().getOut();
    if (validation instanceof AudioValidation.Invalid invalid
        && invalid.reason() == InvalidReason.UNREADABLE) {
      throw new InputException(file + ": " + invalid.message());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("file", file.toString());
    result.put("valid", validation.isValid());
    if (validation instanceof AudioValidation.Valid valid) {
      AudioInfo info = valid.info();
      result.put("codec", info.codec().id());
      result.put("sample_rate", info.sampleRate());
      result.put("channels", info.channels());
      result.put("bits_per_sample", info.bitsPerSample());
      result.put("frames", info.frames());
      result.put("duration_seconds", info.durationSeconds());
    } else if (validation instanceof AudioValidation.Invalid invalid) {
      result.put("reason", invalid.reason().id());
      result.put("message", invalid.message());
    }
    if (json.enabled()) {
      JsonOutput.print(out, result);
    } else if (validation instanceof AudioValidation.Valid valid) {
      AudioInfo info = valid.info();
      out.printf("%s: valid%n", file);
      out.printf("  codec        %s%n", info.codec().id());
      out.printf("  sample rate  %d Hz%n", info.sampleRate());
      out.printf("  channels     %d%n", info.channels());
      out.printf(
          "  bit depth    %s%n",
          info.bitsPerSample() == 0 ? "n/a (lossy)" : info.bitsPerSample() + " bit");
      out.printf("  frames       %d%n", info.frames());
      out.printf(Locale.ROOT, "  duration     %.3f s%n", info.durationSeconds());
      out.flush();
    } else if (validation instanceof AudioValidation.Invalid invalid) {
      out.printf("%s: invalid (%s): %s%n", file, invalid.reason().id(), invalid.message());
      out.flush();
    }
    return validation.isValid() ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }
}
