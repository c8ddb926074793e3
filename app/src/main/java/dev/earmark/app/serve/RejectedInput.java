package dev.earmark.app.serve;

/**
 * A request the service refuses with 400: the body is not usable audio or breaks a limit. The
 * reason is a stable id (the audio module's {@code InvalidReason} ids, or one of the service's own
 * such as {@code too-large}); the message is one sentence for the caller.
 */
final class RejectedInput extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  RejectedInput(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
