package dev.earmark.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** Writes command results as JSON with a stable key order, one document per command. */
public final class JsonOutput {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private JsonOutput() {}

  /** The shared mapper; configured once here and never changed afterwards. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("result could not be written as JSON", e);
    }
    out.flush();
  }
}
