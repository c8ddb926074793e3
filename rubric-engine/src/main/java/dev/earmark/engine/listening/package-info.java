/**
 * TTS listening tests (issue 23): the roles of a MUSHRA trial's stimuli, the published screening
 * rules with versioned ids (ITU-T P.808 gold and trapping questions, ITU-R BS.1534-3
 * post-screening) and system-level results (means with bootstrap intervals over raters and items,
 * differences, preference shares, Krippendorff's alpha, slices, latency as metadata). Pure Java, no
 * I/O. See {@code docs/formats/listening-tests.md}.
 */
package dev.earmark.engine.listening;
