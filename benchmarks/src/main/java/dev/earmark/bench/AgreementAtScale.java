package dev.earmark.bench;

import dev.earmark.engine.normalize.Normalizer;
import dev.earmark.engine.normalize.RuleSets;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.Rubric;
import dev.earmark.engine.rubric.RubricCatalog;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.storage.agreement.AgreementData;
import dev.earmark.storage.agreement.AgreementFigures;
import dev.earmark.storage.agreement.AgreementReader;
import dev.earmark.storage.agreement.FieldFigures;
import dev.earmark.storage.agreement.HeatMap;
import dev.earmark.storage.agreement.ImportBatch;
import dev.earmark.storage.agreement.ItemLine;
import dev.earmark.storage.agreement.SubmittedLabel;
import dev.earmark.storage.agreement.TaskFigures;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.user.Actor;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Issue 22: project-wide agreement of {@code asr-transcript@1} at the scale of the 1M-label team
 * project, in one process, so the figures can be timed and profiled without the load harness.
 *
 * <ul>
 *   <li>{@code synthetic [LABELS] [ANNOTATORS] [ROUNDS]}: {@link AgreementFigures#compute} on
 *       labels made in memory the way the harness's seed makes them (items in clip order, one
 *       annotator each, 20% of items a second, different annotator; the manifest's sentence with
 *       its last word dropped one time in ten; the four flags set now and then so their nominal
 *       alpha and its bootstrap are computed; 100 gold items; the {@code en-asr@1} rule set).
 *   <li>{@code pg JDBC_URL [ROUNDS]}: {@link AgreementReader#read} as the demo's lead, then the
 *       figures, as {@code earmark agreement} does on a team project.
 * </ul>
 *
 * <p>Each round prints wall time and this process's CPU time (user + system, all threads) of the
 * read and the figures, and a SHA-256 of every figure the computation returns (every measure, heat
 * map cell with its items, confusion matrix, annotator row, trend point and item line, as their
 * records print): the same digest before and after a change means the same output. Run by hand,
 * never in CI: {@code java -Xmx10g -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"
 * dev.earmark.bench.AgreementAtScale synthetic 1000000 20 3}.
 */
public final class AgreementAtScale {
  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");
  private static final String[] FLAGS = {
    "bad_audio", "wrong_language", "contains_personal_data", "unsure"
  };

  private AgreementAtScale() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "synthetic";
    if (mode.equals("pg")) {
      String url = args[1];
      int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
      try (Project project = Project.openShared(url, null, Clock.systemUTC())) {
        Actor lead = project.users().actor(DemoProject.LEAD_ID);
        AgreementReader reader = new AgreementReader(project, new Policies(project));
        for (int round = 1; round <= rounds; round++) {
          Optional<AgreementData> data =
              timed("round " + round + " read", () -> reader.read(lead, TaskType.ASR_TRANSCRIPT));
          System.out.printf(
              Locale.ROOT, "  %,d labels%n", data.map(d -> d.labels().size()).orElse(0));
          figures(round, data);
        }
      }
      return;
    }
    int labels = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int annotators = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Optional<AgreementData> data =
        Optional.of(timed("make labels", () -> synthetic(labels, annotators, 20261208L)));
    for (int round = 1; round <= rounds; round++) {
      figures(round, data);
    }
  }

  private static void figures(int round, Optional<AgreementData> data) throws Exception {
    TaskFigures figures =
        timed(
            "round " + round + " figures",
            () ->
                AgreementFigures.compute(
                    TaskType.ASR_TRANSCRIPT,
                    data,
                    AgreementFigures.Settings.defaults(),
                    AgreementFigures.Progress.NONE));
    System.out.println("  digest " + digest(figures));
  }

  /** Labels as the harness's seed gives them, made in memory. */
  static AgreementData synthetic(int labels, int annotators, long seed) {
    Rubric rubric = RubricCatalog.builtIn().get(ASR);
    VersionedId ruleSet = VersionedId.parse("en-asr@1");
    Normalizer normalizer = Normalizer.compile(RuleSets.builtIn(ruleSet).orElseThrow());
    SplittableRandom random = new SplittableRandom(seed);
    List<String> ids = new ArrayList<>();
    for (int a = 1; a <= annotators; a++) {
      ids.add(String.format(Locale.ROOT, "ann-load-%02d", a));
    }
    Instant start = Instant.parse("2026-12-08T00:54:00Z");
    List<SubmittedLabel> made = new ArrayList<>(labels);
    Map<String, LabelValue> gold = new LinkedHashMap<>();
    for (long clip = 1; made.size() < labels; clip++) {
      String key = "large-" + clip;
      String reference = "please transfer twenty one dollars to savings number " + clip;
      int first = (int) (clip % annotators);
      List<Integer> who = new ArrayList<>(List.of(first));
      if (random.nextInt(5) == 0) {
        who.add((first + 1 + random.nextInt(annotators - 1)) % annotators);
        who.sort(null); // the reader orders an item's labels by annotator
      }
      for (int a : who) {
        String text =
            random.nextInt(10) == 0
                ? reference.substring(0, reference.lastIndexOf(' '))
                : reference;
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        fields.put("transcript", new FieldValue.Text(text));
        for (String flag : FLAGS) {
          if (random.nextInt(25) == 0) {
            fields.put(flag, new FieldValue.Flag(true));
          }
        }
        made.add(
            new SubmittedLabel(
                clip,
                key,
                ids.get(a),
                new LabelValue(ASR, fields),
                Duration.ofMillis(3_000 + random.nextInt(27_000)),
                start.plusMillis(clip * 480 + random.nextInt(400)),
                1));
      }
      if (clip % 8_000 == 0) {
        gold.put(key, new LabelValue(ASR, Map.of("transcript", new FieldValue.Text(reference))));
      }
    }
    return new AgreementData(
        TaskType.ASR_TRANSCRIPT,
        rubric,
        Optional.of(ruleSet),
        normalizer,
        made,
        gold,
        List.of(new ImportBatch(1, "large.jsonl", start.minusSeconds(3_600))));
  }

  /** SHA-256 over every figure, as the records print. */
  static String digest(TaskFigures figures) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    java.util.function.Consumer<Object> add =
        o -> sha.update((o + "\n").getBytes(StandardCharsets.UTF_8));
    add.accept(figures.rubric());
    add.accept(figures.ruleSet());
    add.accept(figures.trendBasis());
    add.accept(figures.notCompared());
    add.accept(figures.empty());
    for (FieldFigures field : figures.fields()) {
      add.accept(field.field());
      add.accept(field.kind());
      add.accept(field.headline());
      add.accept(field.measures());
      add.accept(field.annotators());
      field
          .transcripts()
          .ifPresent(
              t -> {
                add.accept(t.overall());
                add.accept(t.annotatorPairs());
                t.items().forEach(add);
              });
      field.items().forEach(add);
      field
          .trend()
          .forEach(
              point -> {
                add.accept(point.batch() + " " + point.value() + " " + point.reason());
                point.items().forEach(add);
              });
      add.accept(field.heatMap().metric() + " " + field.heatMap().annotators());
      for (HeatMap.Cell cell : field.heatMap().cells()) {
        add.accept(
            cell.first()
                + " "
                + cell.second()
                + " "
                + cell.value()
                + " "
                + cell.reason()
                + " "
                + cell.details());
        cell.items().forEach(add);
      }
      field.confusions().forEach(add);
      field
          .annotatorRows()
          .forEach(
              row -> {
                add.accept(
                    row.annotator()
                        + " "
                        + row.labels()
                        + " "
                        + row.medianSecondsPerItem()
                        + " "
                        + row.gold()
                        + " "
                        + row.withRest()
                        + " "
                        + row.withRestReason());
                // gold answers come in a Map.copyOf, whose order changes from one JVM to the next
                row.goldItems().stream().map(Object::toString).sorted().forEach(add);
                for (ItemLine line : row.labeledItems()) {
                  add.accept(line);
                }
              });
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  private static <T> T timed(String what, Supplier<T> work) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long gc = gcMillis();
    long start = System.nanoTime();
    T result = work.get();
    long wall = System.nanoTime() - start;
    System.out.printf(
        Locale.ROOT,
        "%s: wall %.2f s, cpu %.2f s, gc %.2f s, load %.2f%n",
        what,
        wall / 1e9,
        (os.getProcessCpuTime() - cpu) / 1e9,
        (gcMillis() - gc) / 1e3,
        os.getSystemLoadAverage());
    return result;
  }

  private static long gcMillis() {
    long total = 0;
    for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, bean.getCollectionTime());
    }
    return total;
  }
}
