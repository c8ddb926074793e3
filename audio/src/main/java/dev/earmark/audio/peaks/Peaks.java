package dev.earmark.audio.peaks;

/**
 * Min/max pairs for one channel, one pair per pixel, as signed 16-bit values (-32768..32767 maps to
 * -1..1).
 *
 * @param samplesPerPeak block size of the pyramid level the pairs were read from
 * @param framesPerPixel frames each pixel covers
 * @param min per pixel, the lowest sample of the blocks the pixel touches
 * @param max per pixel, the highest sample of the blocks the pixel touches
 */
public record Peaks(int samplesPerPeak, double framesPerPixel, short[] min, short[] max) {
  public int pixels() {
    return min.length;
  }
}
