package dev.earmark.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ContentHashTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void knownSha256OfText() throws Exception {
    // FIPS 180-2 test vector: SHA-256("abc").
    assertThat(ContentHash.ofText("abc"))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void keyOrderAndWhitespaceDoNotChangeTheHash() throws Exception {
    String a = ContentHash.of(json.readTree("{\"b\": [1, {\"y\": 2, \"x\": 1}], \"a\": \"t\"}"));
    String b = ContentHash.of(json.readTree("{\"a\":\"t\",\"b\":[1,{\"x\":1,\"y\":2}]}"));
    assertThat(a).isEqualTo(b).startsWith("sha256:").hasSize(7 + 64);
  }

  @Test
  void anyContentChangeChangesTheHash() throws Exception {
    String a = ContentHash.of(json.readTree("{\"a\":[1,2]}"));
    assertThat(ContentHash.of(json.readTree("{\"a\":[2,1]}"))).isNotEqualTo(a);
    assertThat(ContentHash.of(json.readTree("{\"a\":[1,2.0]}"))).isNotEqualTo(a);
  }

  @Test
  void excludedTopLevelFieldsAreIgnored() throws Exception {
    String withHash = ContentHash.of(json.readTree("{\"a\":1,\"hash\":\"x\"}"), "hash");
    String without = ContentHash.of(json.readTree("{\"a\":1}"));
    assertThat(withHash).isEqualTo(without);
  }

  @Test
  void canonicalJsonSortsKeysAtEveryDepth() throws Exception {
    assertThat(
            ContentHash.canonicalJson(
                json.readTree("{ \"b\": {\"d\": 1, \"c\": [true]}, \"a\": null }")))
        .isEqualTo("{\"a\":null,\"b\":{\"c\":[true],\"d\":1}}");
  }
}
