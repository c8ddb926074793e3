package dev.earmark.app.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The audio bytes of a {@code POST /predict}: the raw body, or the first file part of a {@code
 * multipart/form-data} body. Reading stops one byte past the limit, so a huge or endless body costs
 * at most the limit in memory and never a hang beyond the server's request timeout.
 */
final class UploadedAudio {
  private UploadedAudio() {}

  /**
   * Reads the body.
   *
   * @param declaredLength the Content-Length header, or -1 when absent (chunked)
   * @throws RejectedInput when the body is over {@code maxBytes} or a multipart body is malformed
   */
  static byte[] read(InputStream body, long declaredLength, String contentType, long maxBytes)
      throws IOException {
    if (declaredLength > maxBytes) {
      throw tooLarge(declaredLength, maxBytes);
    }
    byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw tooLarge(-1, maxBytes);
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("multipart/form-data") ? filePart(bytes, contentType) : bytes;
  }

  private static RejectedInput tooLarge(long declared, long maxBytes) {
    return new RejectedInput(
        "too-large",
        (declared > 0 ? "the request body declares " + declared + " bytes" : "the request body is")
            + " over the limit of "
            + maxBytes
            + " bytes (max_body_bytes); send a shorter clip");
  }

  /** The content of the first part that carries a file name, else of the first part. */
  static byte[] filePart(byte[] body, String contentType) {
    String boundary = boundary(contentType);
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int start = indexOf(body, delimiter, 0);
    if (start < 0) {
      throw malformed("the multipart body has no part starting with its boundary");
    }
    byte[] first = null;
    int position = start;
    while (true) {
      int afterDelimiter = position + delimiter.length;
      if (afterDelimiter + 2 > body.length
          || body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
        break; // the closing delimiter
      }
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), afterDelimiter);
      if (headersEnd < 0) {
        throw malformed("a multipart part has no blank line after its headers");
      }
      String headers =
          new String(body, afterDelimiter, headersEnd - afterDelimiter, StandardCharsets.ISO_8859_1)
              .toLowerCase(Locale.ROOT);
      int contentStart = headersEnd + 4;
      int next =
          indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), contentStart);
      if (next < 0) {
        throw malformed("a multipart part is not closed by its boundary (the body was cut short?)");
      }
      byte[] content = Arrays.copyOfRange(body, contentStart, next);
      if (headers.contains("filename=")) {
        return content;
      }
      if (first == null) {
        first = content;
      }
      position = next + 2;
    }
    if (first == null) {
      throw malformed("the multipart body holds no part");
    }
    return first;
  }

  private static String boundary(String contentType) {
    for (String parameter : contentType.split(";")) {
      String trimmed = parameter.strip();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String value = trimmed.substring("boundary=".length());
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (!value.isEmpty() && value.length() <= 70) {
          return value;
        }
      }
    }
    throw malformed("the multipart Content-Type has no usable boundary parameter");
  }

  private static RejectedInput malformed(String message) {
    return new RejectedInput("malformed-multipart", message);
  }

  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
