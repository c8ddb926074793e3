package dev.earmark.bench;

import dev.earmark.engine.release.DataUse;
import dev.earmark.engine.release.ReleaseBlocker;
import dev.earmark.engine.rubric.FieldValue;
import dev.earmark.engine.rubric.LabelValue;
import dev.earmark.engine.rubric.TaskType;
import dev.earmark.engine.version.VersionedId;
import dev.earmark.fixtures.DemoDataset;
import dev.earmark.storage.StorageException;
import dev.earmark.storage.adjudicate.Adjudications;
import dev.earmark.storage.adjudicate.DisputeRecord;
import dev.earmark.storage.adjudicate.DisputeRouting;
import dev.earmark.storage.adjudicate.DisputeStatus;
import dev.earmark.storage.adjudicate.ReasonCode;
import dev.earmark.storage.agreement.AgreementData;
import dev.earmark.storage.agreement.AgreementFigures;
import dev.earmark.storage.agreement.AgreementReader;
import dev.earmark.storage.assign.AssignmentPlan;
import dev.earmark.storage.assign.AssignmentState;
import dev.earmark.storage.assign.Assignments;
import dev.earmark.storage.assign.QueueItem;
import dev.earmark.storage.assign.QueuePriority;
import dev.earmark.storage.demo.DemoProject;
import dev.earmark.storage.export.BatchExporter;
import dev.earmark.storage.export.BatchVerification;
import dev.earmark.storage.export.BatchVerifier;
import dev.earmark.storage.export.ExportOutcome;
import dev.earmark.storage.export.ExportRequest;
import dev.earmark.storage.importer.ImportListener;
import dev.earmark.storage.importer.ImportReport;
import dev.earmark.storage.importer.Importer;
import dev.earmark.storage.label.LabelInput;
import dev.earmark.storage.label.LabelSession;
import dev.earmark.storage.label.Labels;
import dev.earmark.storage.label.SavedLabel;
import dev.earmark.storage.labelimport.LabelImportReport;
import dev.earmark.storage.labelimport.LabelImporter;
import dev.earmark.storage.policy.Policies;
import dev.earmark.storage.project.Project;
import dev.earmark.storage.settings.ProjectSettings;
import dev.earmark.storage.status.ProjectStatus;
import dev.earmark.storage.user.Actor;
import dev.earmark.storage.user.Role;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The 1M-clip team project load harness of issue 22 (docs/BENCHMARKS.md, "#22 — team project on
 * PostgreSQL"). Run by hand, never in CI. Two phases:
 *
 * <ol>
 *   <li><b>build</b> (skipped when the database already holds the clips): the demo project's users,
 *       rubrics and policy on the PostgreSQL database, N annotators, N clips (distinct 0.1 s WAVs)
 *       imported through storage's own {@link Importer} (batched: 256 clips and their audit events
 *       per transaction), and every clip assigned across the annotators with 20% double coverage;
 *   <li><b>seed</b> (with {@code --seed-labels=N}; skipped when the project already holds that many
 *       submitted labels): about N submitted transcripts, one per pending assignment of the clips
 *       at the tail of the queue order (the highest clip ids, both annotators of a doubly covered
 *       clip alike), so the load below still works the head of every queue. One JSONL file per
 *       annotator goes through storage's own {@link LabelImporter} ({@code earmark labels import}),
 *       which also routes the disputes; one label in ten drops its last word, chosen by clip and
 *       annotator, so doubly covered clips disagree now and then and a second seeding finds every
 *       label unchanged;
 *   <li><b>load</b>: every annotator on its own thread with its own {@link Project} (as each person
 *       runs their own Earmark), looping queue page (50 entries, as the workbench and {@code
 *       earmark queue} read it), open, draft save, submit; one adjudicator routing the doubly
 *       covered clips both annotators finished, listing open disputes and deciding one; for the
 *       given seconds. With {@code --whole-queue-every=K} an annotator also reads their whole queue
 *       every K-th round, timed apart as "queue (whole, old clients)" (no current client does).
 *       Then, with the load stopped, project-wide agreement, {@code status}, an export of every
 *       final label in the default formats and {@code verify} of that batch, each timed once.
 * </ol>
 *
 * <p>Prints p50/p99/max per operation and the counts. Usage: {@code TeamLoadHarness JDBC_URL DIR
 * [CLIPS] [ANNOTATORS] [SECONDS] [THINK_MS] [--seed-labels=N] [--whole-queue-every=K]} (defaults
 * 1,000,000 / 20 / 180 / 250, no seeding, no whole-queue reads).
 */
public final class TeamLoadHarness {
  private static final VersionedId ASR = VersionedId.parse("asr-transcript@1");
  private static final String DATASET = "bench-large";
  private static final String LEAD = DemoProject.LEAD_ID;
  private static final String ADJUDICATOR = DemoProject.ADJUDICATOR_ID;
  private static final int QUEUE_PAGE = 50;

  private final Map<String, ConcurrentLinkedQueue<Long>> timings = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> submittedPerClip = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> readyToRoute = new ConcurrentLinkedQueue<>();
  private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

  private TeamLoadHarness() {}

  private int seedLabels;
  private volatile boolean printEach;
  private int wholeQueueEvery;

  public static void main(String[] arguments) throws Exception {
    TeamLoadHarness harness = new TeamLoadHarness();
    List<String> positional = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.startsWith("--seed-labels=")) {
        harness.seedLabels = Integer.parseInt(argument.substring("--seed-labels=".length()));
      } else if (argument.startsWith("--whole-queue-every=")) {
        harness.wholeQueueEvery =
            Integer.parseInt(argument.substring("--whole-queue-every=".length()));
      } else if (argument.startsWith("--")) {
        System.err.println("unknown option " + argument);
        System.exit(2);
      } else {
        positional.add(argument);
      }
    }
    String[] args = positional.toArray(String[]::new);
    if (args.length < 2) {
      System.err.println(
          "usage: TeamLoadHarness JDBC_URL DIR [CLIPS] [ANNOTATORS] [SECONDS] [THINK_MS]"
              + " [--seed-labels=N] [--whole-queue-every=K]");
      System.exit(2);
    }
    String url = args[0];
    Path dir = Path.of(args[1]).toAbsolutePath();
    int clips = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    int annotators = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 180;
    int thinkMs = args.length > 5 ? Integer.parseInt(args[5]) : 250;
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= annotators; i++) {
      ids.add(String.format(Locale.ROOT, "ann-load-%02d", i));
    }
    harness.run(url, dir, clips, ids, seconds, thinkMs);
  }

  private void run(
      String url, Path dir, int clips, List<String> annotators, int seconds, int thinkMs)
      throws Exception {
    Clock clock = Clock.systemUTC();
    try (Project project = Project.openShared(url, null, clock)) {
      build(project, dir, clips, annotators);
      if (seedLabels > 0) {
        seed(project, dir, annotators);
      }
    }
    if (!timings.isEmpty()) {
      report("seed, one import per annotator's file");
      timings.clear();
    }
    load(url, annotators, seconds, thinkMs, clock);
    report(
        "load ("
            + annotators.size()
            + " annotators + 1 adjudicator, "
            + seconds
            + " s, think "
            + thinkMs
            + " ms)");
    timings.clear();
    // Printed as each finishes too, so that a step that fails keeps the ones before it.
    printEach = true;
    try (Project project = Project.openShared(url, null, clock)) {
      afterLoad(project, dir);
    }
    report("after the load, one run each");
  }

  private void build(Project project, Path dir, int clips, List<String> annotators)
      throws Exception {
    long present =
        project
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT COUNT(*) FROM clips WHERE dataset_id = :d")
                        .bind("d", DATASET)
                        .mapTo(Long.class)
                        .one());
    if (present >= clips) {
      System.out.printf(Locale.ROOT, "build: %,d clips already present, skipped%n", present);
      return;
    }
    long start = System.nanoTime();
    Path demo = dir.resolve("demo-data");
    DemoDataset.copyTo(demo, LocalDate.now(project.clock()));
    new DemoProject(project).build(demo, LEAD);
    Actor lead = project.users().actor(LEAD);
    for (String id : annotators) {
      if (project.users().find(id).isEmpty()) {
        project.users().add(lead, id, "Load annotator " + id, EnumSet.of(Role.ANNOTATOR));
      }
    }
    System.out.printf(Locale.ROOT, "build: demo and users in %.1f s%n", since(start));
    long t = System.nanoTime();
    Path manifest = LargeWorkbenchProject.writeData(dir.resolve("data"), clips);
    System.out.printf(
        Locale.ROOT, "build: %,d WAVs and manifest written in %.1f s%n", clips, since(t));
    t = System.nanoTime();
    ImportReport report =
        new Importer(project)
            .run(
                lead,
                manifest,
                dir.resolve("data").resolve("contract.json"),
                new ImportListener() {
                  long next = 0;

                  @Override
                  public void progress(long done, long total) {
                    if (done >= next) {
                      System.out.printf(Locale.ROOT, "  import %,d / %,d%n", done, total);
                      next = done + 100_000;
                    }
                  }

                  @Override
                  public boolean cancelled() {
                    return false;
                  }
                });
    double importSeconds = since(t);
    System.out.printf(
        Locale.ROOT,
        "build: imported %,d clips in %.1f s (%,.0f clips/s)%n",
        report.imported(),
        importSeconds,
        report.imported() / importSeconds);
    t = System.nanoTime();
    var summary =
        new Assignments(project, new Policies(project))
            .assign(
                lead,
                new AssignmentPlan(ASR, Optional.of(DATASET), annotators, 0.2, 0.0, 7),
                QueuePriority.byClipId());
    System.out.printf(Locale.ROOT, "build: %s in %.1f s%n", summary, since(t));
    System.out.printf(Locale.ROOT, "build: total %.1f s%n", since(start));
  }

  /**
   * Gives about {@link #seedLabels} submitted labels: every pending assignment of the annotators on
   * the clips above a clip id cut chosen so that about that many are taken, one label file per
   * annotator through {@link LabelImporter}. Reading which assignments to take is plain SQL; every
   * label is written by the importer.
   */
  private void seed(Project project, Path dir, List<String> annotators) throws Exception {
    long submitted = submittedLabels(project);
    if (submitted >= seedLabels) {
      System.out.printf(
          Locale.ROOT, "seed: %,d submitted labels already present, skipped%n", submitted);
      return;
    }
    long start = System.nanoTime();
    Optional<Long> cut =
        project
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT a.clip_id FROM assignments a JOIN clips c ON c.id = a.clip_id"
                                + " WHERE c.dataset_id = :d AND a.rubric_version = :r AND a.state"
                                + " = 'pending' ORDER BY a.clip_id DESC OFFSET :n LIMIT 1")
                        .bind("d", DATASET)
                        .bind("r", ASR.toString())
                        .bind("n", seedLabels)
                        .mapTo(Long.class)
                        .findOne());
    long above = cut.orElse(0L);
    Actor lead = project.users().actor(LEAD);
    Path files = Files.createDirectories(dir.resolve("seed-labels"));
    long lines = 0;
    long imported = 0;
    long unchanged = 0;
    long refused = 0;
    long disputes = 0;
    double writing = 0;
    for (int i = 0; i < annotators.size(); i++) {
      String annotator = annotators.get(i);
      int salt = i;
      long t = System.nanoTime();
      Path file = files.resolve(annotator + ".jsonl");
      long written;
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        written =
            project
                .jdbi()
                .withHandle(
                    h ->
                        h
                            .createQuery(
                                "SELECT c.id, c.clip_key FROM assignments a JOIN clips c ON c.id ="
                                    + " a.clip_id WHERE a.annotator_id = :ann AND c.dataset_id ="
                                    + " :d AND a.rubric_version = :r AND a.state = 'pending' AND"
                                    + " a.clip_id > :above ORDER BY a.clip_id")
                            .bind("ann", annotator)
                            .bind("d", DATASET)
                            .bind("r", ASR.toString())
                            .bind("above", above)
                            .setFetchSize(10_000)
                            .map((rs, ctx) -> seedLine(rs.getLong(1), rs.getString(2), salt))
                            .stream()
                            .peek(
                                line -> {
                                  try {
                                    out.write(line);
                                    out.write('\n');
                                  } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                  }
                                })
                            .count());
      }
      writing += since(t);
      t = System.nanoTime();
      LabelImportReport report = new LabelImporter(project).run(lead, annotator, file);
      double seconds = since(t);
      timings
          .computeIfAbsent("seed: import one file", k -> new ConcurrentLinkedQueue<>())
          .add((long) (seconds * 1e9));
      lines += written;
      imported += report.imported();
      unchanged += report.unchanged();
      refused += report.refused();
      disputes += report.disputesOpened().size();
      System.out.printf(
          Locale.ROOT,
          "  seed %s: %,d lines, %,d imported, %,d refused, %,d disputes, %.1f s (%,.0f lines/s)%n",
          annotator,
          written,
          report.imported(),
          report.refused(),
          report.disputesOpened().size(),
          seconds,
          written / seconds);
      if (report.refused() > 0) {
        report.lines().stream()
            .filter(dev.earmark.storage.labelimport.LineOutcome.Refused.class::isInstance)
            .limit(3)
            .forEach(line -> System.out.println("    refused: " + line));
      }
    }
    double total = since(start);
    System.out.printf(
        Locale.ROOT,
        "seed: %,d lines (files written in %.1f s), %,d imported, %,d unchanged, %,d refused,"
            + " %,d disputes opened, %.1f s in all (%,.0f labels/s); %,d submitted labels now%n",
        lines,
        writing,
        imported,
        unchanged,
        refused,
        disputes,
        total,
        imported / Math.max(total - writing, 1e-9),
        submittedLabels(project));
  }

  /** One line of a seed file: the reference, its last word dropped one time in ten. */
  private static String seedLine(long clipId, String clipKey, int annotatorSalt) {
    String text = reference(clipKey);
    if (Math.floorMod(clipId * 31 + annotatorSalt * 7L, 10) == 0) {
      text = text.substring(0, text.lastIndexOf(' '));
    }
    return "{\"clip_id\": \""
        + clipKey
        + "\", \"value\": {\"transcript\": \""
        + text
        + "\"}, \"time_spent_ms\": 6000}";
  }

  private static long submittedLabels(Project project) {
    return project
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM labels WHERE state = 'submitted'")
                    .mapTo(Long.class)
                    .one());
  }

  private void load(String url, List<String> annotators, int seconds, int thinkMs, Clock clock)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(annotators.size() + 1);
    for (int i = 0; i < annotators.size(); i++) {
      String id = annotators.get(i);
      long seed = i;
      threads.add(
          new Thread(() -> annotator(url, id, clock, end, thinkMs, new Random(seed), ready), id));
    }
    threads.add(new Thread(() -> adjudicator(url, clock, end, thinkMs, ready), ADJUDICATOR));
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private void annotator(
      String url,
      String id,
      Clock clock,
      long end,
      int thinkMs,
      Random random,
      CountDownLatch ready) {
    try (Project project = Project.openShared(url, null, clock)) {
      Policies policies = new Policies(project);
      Assignments assignments = new Assignments(project, policies);
      Labels labels = new Labels(project, policies, new ProjectSettings(project));
      Actor me = project.users().actor(id);
      ready.countDown();
      ready.await();
      for (int round = 0; System.nanoTime() < end; round++) {
        if (wholeQueueEvery > 0 && round % wholeQueueEvery == 0) {
          timed("queue (whole, old clients)", () -> assignments.queue(me, id));
        }
        List<QueueItem> queue =
            timed("queue page (50)", () -> assignments.queuePage(me, id, QUEUE_PAGE));
        if (queue.isEmpty()) {
          return;
        }
        QueueItem item = queue.get(0);
        LabelSession session = timed("open", () -> labels.open(me, item.assignmentId()));
        String text = transcript(session.clipKey(), random);
        think(thinkMs);
        SavedLabel draft =
            timed(
                "label save (draft)",
                () ->
                    labels.saveDraft(
                        me, item.assignmentId(), input(text, 3_000), session.version()));
        think(thinkMs);
        timed(
            "submit",
            () -> labels.submit(me, item.assignmentId(), input(text, 6_000), draft.version()));
        if (item.state() == AssignmentState.PENDING
            && submittedPerClip
                    .computeIfAbsent(item.clipId(), k -> new AtomicInteger())
                    .incrementAndGet()
                == 2) {
          readyToRoute.add(item.clipId());
        }
        think(thinkMs);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(id, e);
    }
  }

  private void adjudicator(String url, Clock clock, long end, int thinkMs, CountDownLatch ready) {
    try (Project project = Project.openShared(url, null, clock)) {
      DisputeRouting routing = DisputeRouting.of(project);
      Adjudications adjudications = new Adjudications(project, new Policies(project));
      Actor me = project.users().actor(ADJUDICATOR);
      ready.countDown();
      ready.await();
      while (System.nanoTime() < end) {
        List<Long> batch = new ArrayList<>();
        for (Long clip = readyToRoute.poll(); clip != null; clip = readyToRoute.poll()) {
          batch.add(clip);
        }
        if (!batch.isEmpty()) {
          timed("route finished items", () -> routing.route(me, ASR, batch));
        }
        List<DisputeRecord> open =
            timed("adjudication queue", () -> adjudications.disputes(me, DisputeStatus.OPEN));
        if (!open.isEmpty()) {
          DisputeRecord dispute = open.get(0);
          LabelValue value =
              new LabelValue(
                  ASR, Map.of("transcript", new FieldValue.Text(reference(dispute.clipKey()))));
          timed(
              "adjudicate",
              () ->
                  adjudications.decide(
                      me, dispute.id(), value, ReasonCode.ANNOTATOR_ERROR, "load harness"));
        }
        think(thinkMs * 4L);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(ADJUDICATOR, e);
    }
  }

  private void afterLoad(Project project, Path dir) throws Exception {
    Actor lead = project.users().actor(LEAD);
    Policies policies = new Policies(project);
    AgreementReader reader = new AgreementReader(project, policies);
    Optional<AgreementData> data =
        timed("agreement: read labels", () -> reader.read(lead, TaskType.ASR_TRANSCRIPT));
    timed(
        "agreement: figures",
        () ->
            AgreementFigures.compute(
                TaskType.ASR_TRANSCRIPT,
                data,
                AgreementFigures.Settings.defaults(),
                AgreementFigures.Progress.NONE));
    timed("status", () -> new ProjectStatus(project, policies).read(lead));
    long submitted =
        project
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT COUNT(*) FROM labels WHERE state = 'submitted'")
                        .mapTo(Long.class)
                        .one());
    BatchExporter exporter = new BatchExporter(project, policies);
    String name = "load-" + System.currentTimeMillis();
    Path out = dir.resolve("export").resolve(name);
    Files.createDirectories(out.getParent());
    ExportOutcome outcome =
        timed("export (blocked check)", () -> exporter.export(lead, request(name, out, Map.of())));
    if (outcome instanceof ExportOutcome.Blocked blocked) {
      Map<String, String> allowed = new LinkedHashMap<>();
      for (ReleaseBlocker blocker : blocked.blockers()) {
        allowed.put(blocker.code(), "load harness: exported as it stands");
      }
      System.out.println("export: waiving " + allowed.keySet());
      outcome = timed("export", () -> exporter.export(lead, request(name, out, allowed)));
    }
    if (outcome instanceof ExportOutcome.Exported exported) {
      System.out.printf(
          Locale.ROOT,
          "export: %,d items, %,d files, %,d submitted labels in the project%n",
          exported.items(),
          exported.files().size(),
          submitted);
      BatchVerification verification =
          timed("verify (of the export)", () -> BatchVerifier.verify(exported.directory()));
      System.out.printf(
          Locale.ROOT,
          "verify: %s, %,d files checked, %d problems%s%n",
          verification.intact() ? "intact" : "NOT intact",
          verification.filesChecked(),
          verification.problems().size(),
          verification.problems().isEmpty()
              ? ""
              : " (first: " + verification.problems().get(0) + ")");
    } else {
      System.out.println("export: still blocked: " + outcome);
    }
  }

  private static ExportRequest request(String name, Path out, Map<String, String> allowed) {
    return ExportRequest.plain(
        name, out, List.of(), allowed, Optional.empty(), DataUse.EVALUATION, "load-harness");
  }

  /** The manifest's text for clip large-N; an annotator drops the last word one time in ten. */
  private static String transcript(String clipKey, Random random) {
    String text = reference(clipKey);
    return random.nextInt(10) == 0 ? text.substring(0, text.lastIndexOf(' ')) : text;
  }

  private static String reference(String clipKey) {
    String n = clipKey.substring(clipKey.lastIndexOf('-') + 1);
    return "please transfer twenty one dollars to savings number " + n;
  }

  private static LabelInput input(String text, long ms) {
    return new LabelInput(
        new LabelValue(ASR, Map.of("transcript", new FieldValue.Text(text))),
        Duration.ofMillis(ms),
        1.0);
  }

  private static void think(long ms) throws InterruptedException {
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  private interface Op<T> {
    T run() throws Exception;
  }

  private <T> T timed(String name, Op<T> op) throws RuntimeException {
    long t = System.nanoTime();
    try {
      T result = op.run();
      long ns = System.nanoTime() - t;
      timings.computeIfAbsent(name, k -> new ConcurrentLinkedQueue<>()).add(ns);
      if (printEach) {
        System.out.printf(Locale.ROOT, "  %s: %.1f ms%n", name, ns / 1e6);
      }
      return result;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void fail(String who, RuntimeException e) {
    errors
        .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
        .incrementAndGet();
    System.err.println(who + " stopped: " + e);
    if (!(e instanceof StorageException)) {
      e.printStackTrace();
    }
  }

  private void report(String title) {
    System.out.println();
    System.out.println("== " + title);
    System.out.printf(
        Locale.ROOT,
        "%-26s %8s %10s %10s %10s%n",
        "operation",
        "count",
        "p50 ms",
        "p99 ms",
        "max ms");
    for (Map.Entry<String, ConcurrentLinkedQueue<Long>> e :
        new java.util.TreeMap<>(timings).entrySet()) {
      long[] ns = e.getValue().stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(ns);
      System.out.printf(
          Locale.ROOT,
          "%-26s %8d %10.1f %10.1f %10.1f%n",
          e.getKey(),
          ns.length,
          pct(ns, 0.50) / 1e6,
          pct(ns, 0.99) / 1e6,
          ns[ns.length - 1] / 1e6);
    }
    if (!errors.isEmpty()) {
      System.out.println("threads stopped by errors: " + errors);
    }
  }

  private static long pct(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double since(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
