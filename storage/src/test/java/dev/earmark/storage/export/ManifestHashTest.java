package dev.earmark.storage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.earmark.engine.version.ContentHash;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The manifest's hash taken member by member, without a sorted copy (issue 22), is the hash the
 * engine's {@link ContentHash} takes of the whole tree, on manifests of every kind of value.
 */
class ManifestHashTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void equalsTheContentHashOfAManifestLikeDocument() throws Exception {
    JsonNode manifest =
        JSON.readTree(
            """
            {"format":"earmark-batch-manifest/1","batch":{"name":"b","parent":null,"z":1,"a":2},
             "qe_model":null,"items":[{"clip_id":"c2","label":{"fields":{"transcript":"héllo \\"x\\"",
             "segments":[{"start":0.1,"end":2.675,"speaker":"s"}]},"unsure":false},"n":-3},
             {"clip_id":"c1","z":[],"a":{}}],"files":{"b/x":"sha256:1","a/y":"sha256:2",
             "\u00e9":"3","Z":"4","\ud83d\ude00":"5","\uffff":"6"},"agreement":{"items":2},
             "big":12345678901234567890,"neg":-0.0,"e":1.5E-7,"manifest_sha256":"sha256:old"}
            """);
    assertEquals(
        ContentHash.of(manifest, "manifest_sha256"), ManifestHash.of(manifest, "manifest_sha256"));
    assertEquals(ContentHash.of(manifest), ManifestHash.of(manifest));
  }

  @Test
  void equalsTheContentHashOfBuiltTreesWithEveryNodeKind() {
    SplittableRandom random = new SplittableRandom(22);
    for (int round = 0; round < 200; round++) {
      ObjectNode manifest = JSON.createObjectNode();
      fill(manifest, random, 0);
      manifest.put("decimal", new BigDecimal("1.250"));
      manifest.put("long", Long.MIN_VALUE);
      manifest.put("float", 0.1f);
      assertEquals(ContentHash.of(manifest, "k3"), ManifestHash.of(manifest, "k3"));
    }
  }

  @Test
  void aStreamedMemberSpilledPastMemoryHashesAsTheTreeDoes() throws Exception {
    ObjectNode manifest = JSON.createObjectNode();
    ArrayNode items = manifest.putArray("items");
    manifest.put("agreement", 1);
    ManifestHash hash = new ManifestHash();
    ManifestHash.Spill spill = new ManifestHash.Spill();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 4_000; i++) {
      text.append("word").append(i).append(' ');
    }
    try (var out = ManifestHash.generator(spill)) {
      out.writeStartArray();
      // About 20 MB of canonical bytes: past the in-memory part, so a temporary file holds them.
      for (int i = 0; i < 600; i++) {
        ObjectNode item = JSON.createObjectNode().put("z", i).put("clip_id", "c" + i);
        item.put("transcript", text.toString());
        items.add(item);
        ManifestHash.write(out, item);
      }
      out.writeEndArray();
    }
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    spill.copyTo(copy);
    assertEquals(true, copy.size() > ManifestHash.Spill.IN_MEMORY);
    hash.put("items", spill);
    hash.member("agreement", manifest.get("agreement"));
    assertEquals(ContentHash.of(manifest), hash.digest());
  }

  private static void fill(ObjectNode node, SplittableRandom random, int depth) {
    int members = 1 + random.nextInt(6);
    for (int i = 0; i < members; i++) {
      String key = "k" + random.nextInt(10) + (random.nextBoolean() ? "\u00e9" : "");
      switch (depth > 2 ? random.nextInt(5) : random.nextInt(7)) {
        case 0 -> node.put(key, random.nextDouble() * 100);
        case 1 -> node.put(key, random.nextInt());
        case 2 -> node.put(key, "t\"\\\n\u0001" + random.nextInt(1000));
        case 3 -> node.putNull(key);
        case 4 -> node.put(key, random.nextBoolean());
        case 5 -> fill(node.putObject(key), random, depth + 1);
        default -> {
          ArrayNode array = node.putArray(key);
          for (int j = random.nextInt(4); j > 0; j--) {
            fill(array.addObject(), random, depth + 1);
            array.add(random.nextLong());
          }
        }
      }
    }
  }
}
