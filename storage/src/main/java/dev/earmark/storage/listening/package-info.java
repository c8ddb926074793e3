/**
 * TTS listening tests over a project (issue 23): trials built from the manifest's listening-test
 * fields ({@link dev.earmark.storage.listening.trial.ListeningTrials}), rater sessions with gold
 * clips, trapping questions, a training block and a recorded seed ({@link
 * dev.earmark.storage.listening.TtsSessions}), the blind rater-facing read model ({@link
 * dev.earmark.storage.listening.RaterTrial}) and the screened system-level report ({@link
 * dev.earmark.storage.listening.TtsReports}, shared by {@code earmark tts report} and the
 * dashboard). See docs/formats/listening-tests.md.
 */
package dev.earmark.storage.listening;
