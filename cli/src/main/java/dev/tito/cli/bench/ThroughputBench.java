package dev.tito.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tito.notebook.gates.GatedRelease;
import dev.tito.notebook.gates.QualityGates;
import dev.tito.notebook.ipynb.Notebook;
import dev.tito.notebook.ipynb.NotebookFormatException;
import dev.tito.notebook.ipynb.NotebookReader;
import dev.tito.notebook.ipynb.NotebookWriter;
import dev.tito.notebook.release.ReleaseException;
import dev.tito.notebook.release.ReleaseOptions;
import dev.tito.notebook.release.ReleasedNotebook;
import dev.tito.notebook.release.StudentRelease;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Validate + release throughput on one thread, beside a floor measured in the same run on the same
 * bytes: Jackson parsing them into a tree and writing the tree back. Target: at least half the floor.
 */
@Command(
    name = "throughput",
    mixinStandardHelpOptions = true,
    description =
        "MB/s of validate + release over the nbgrader corpus replicated to --megabytes, beside Jackson's floor.")
final class ThroughputBench implements Callable<Integer> {
  /** Built on first use: every tito command (a grading Job's steps too) builds this class. */
  private static final class Jackson {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--corpus",
      paramLabel = "DIR",
      defaultValue = "notebook/src/test/resources/conformance/nbgrader",
      description = "Folder searched for .ipynb files (default: ${DEFAULT-VALUE}).")
  Path corpus;

  @Option(
      names = "--megabytes",
      defaultValue = "50",
      description = "Replicate the corpus to at least this size (default: ${DEFAULT-VALUE}).")
  int megabytes;

  @Option(
      names = "--rounds",
      defaultValue = "9",
      description =
          "Measured rounds (floor and tito back to back in each); medians are reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  /** One input notebook: where it came from and its bytes. */
  private record Input(Path file, byte[] bytes) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<Input> distinct = releasableNotebooks();
    if (distinct.isEmpty()) {
      throw new NotebookFormatException(corpus + ": no releasable .ipynb files found");
    }
    List<Input> inputs = new ArrayList<>();
    long bytes = 0;
    while (bytes < megabytes * 1_000_000L) {
      for (Input input : distinct) {
        inputs.add(input);
        bytes += input.bytes().length;
      }
    }
    out.printf(
        Locale.ROOT,
        "corpus: %d releasable notebooks from %s, replicated to %d notebooks, %.1f MB%n",
        distinct.size(),
        corpus,
        inputs.size(),
        bytes / 1e6);
    out.flush();
    QualityGates gates = new QualityGates();
    ReleaseOptions options = ReleaseOptions.defaults();
    // warm-up: let the JIT compile every path before measuring
    for (int i = 0; i < 2; i++) {
      floor(inputs);
      onePass(inputs, gates);
      twoPasses(inputs, gates, options);
    }
    List<Stages> floors = new ArrayList<>();
    List<Stages> onePasses = new ArrayList<>();
    List<Stages> twoPasses = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      floors.add(floor(inputs));
      onePasses.add(onePass(inputs, gates));
      twoPasses.add(twoPasses(inputs, gates, options));
    }
    double mb = bytes / 1e6;
    double floorCpu = median(floors.stream().mapToDouble(Stages::cpuSeconds).toArray());
    out.printf(
        Locale.ROOT,
        "MB/s of CPU time (this thread plus GC pauses, one core), medians of %d rounds%n",
        rounds);
    out.printf(
        Locale.ROOT,
        "%-55s %8.1f MB/s  (%.2f s CPU)%n",
        "floor  (Jackson readTree + writeValueAsBytes):",
        mb / floorCpu,
        floorCpu);
    report(out, "tito   (read + validate with release + write)", onePasses, floors, mb);
    report(out, "tito   (read + validate, then release again + write)", twoPasses, floors, mb);
    out.flush();
    return 0;
  }

  /** A flow's median rate, its ratio to the floor of the same round (median, min, max) and its stage shares. */
  private static void report(
      PrintWriter out, String label, List<Stages> flow, List<Stages> floors, double mb) {
    double cpu = median(flow.stream().mapToDouble(Stages::cpuSeconds).toArray());
    double[] ratios = new double[flow.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = floors.get(i).cpuSeconds() / flow.get(i).cpuSeconds();
    }
    double ratio = median(ratios);
    out.printf(
        Locale.ROOT,
        "%-55s %8.1f MB/s  (%.2f s CPU)  %.2fx of the floor (rounds %.2f-%.2f; target >= 0.5x): %s%n",
        label + ":",
        mb / cpu,
        cpu,
        ratio,
        Arrays.stream(ratios).min().orElse(0),
        Arrays.stream(ratios).max().orElse(0),
        ratio >= 0.5 ? "met" : "MISSED");
    long read = flow.stream().mapToLong(Stages::read).sum();
    long validate = flow.stream().mapToLong(Stages::validate).sum();
    long release = flow.stream().mapToLong(Stages::release).sum();
    long write = flow.stream().mapToLong(Stages::write).sum();
    double total = read + validate + release + write;
    out.printf(
        Locale.ROOT,
        "    share of the time: read %.0f%%, validate %.0f%%, release %s, write %.0f%%%n",
        100 * read / total,
        100 * validate / total,
        release == 0
            ? "(in validate)"
            : String.format(Locale.ROOT, "%.0f%%", 100 * release / total),
        100 * write / total);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private List<Input> releasableNotebooks() throws IOException {
    List<Input> inputs = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(corpus)) {
      for (Path file : walk.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        try {
          StudentRelease.release(
              NotebookReader.parse(bytes, file.toString()), ReleaseOptions.defaults());
          inputs.add(new Input(file, bytes));
        } catch (NotebookFormatException | ReleaseException e) {
          // an invalid notebook stops at its first error: it would flatter the throughput
        }
      }
    }
    return inputs;
  }

  private static Stages floor(List<Input> inputs) throws IOException {
    Stages stages = new Stages();
    for (Input input : inputs) {
      long t0 = System.nanoTime();
      JsonNode tree = Jackson.MAPPER.readTree(input.bytes());
      long t1 = System.nanoTime();
      stages.sink += Jackson.MAPPER.writeValueAsBytes(tree).length;
      long t2 = System.nanoTime();
      stages.read += t1 - t0;
      stages.write += t2 - t1;
    }
    return stages.done();
  }

  /**
   * Nanoseconds of wall time spent in each stage of a flow, summed over a round (for shares), and the
   * CPU time of the whole round (for rates: what the core spent, whatever else the machine ran).
   */
  private static final class Stages {
    private final long cpuStart = cpuNanos();
    long read;
    long validate;
    long release;
    long write;

    /** Sizes of what was made, kept so the JIT cannot drop work whose result is unused. */
    long sink;

    private long cpu;

    Stages done() {
      cpu = cpuNanos() - cpuStart;
      return this;
    }

    long read() {
      return read;
    }

    long validate() {
      return validate;
    }

    long release() {
      return release;
    }

    long write() {
      return write;
    }

    double cpuSeconds() {
      return cpu / 1e9;
    }
  }

  /**
   * CPU time of this thread (nanosecond clock) plus the serial collector's pauses, in which it does this
   * thread's garbage: the process CPU clock ticks in 10 ms, too coarse for rounds of a few hundred ms.
   */
  private static long cpuNanos() {
    long gcMillis = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += Math.max(0, collector.getCollectionTime());
    }
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() + gcMillis * 1_000_000;
  }

  /** validate then release as one pass: the release made by the gates is the one written. */
  private static Stages onePass(List<Input> inputs, QualityGates gates) {
    Stages stages = new Stages();
    for (Input input : inputs) {
      long t0 = System.nanoTime();
      Notebook notebook = NotebookReader.parse(input.bytes(), input.file().toString());
      long t1 = System.nanoTime();
      GatedRelease gated = gates.checkAndRelease(input.file(), notebook);
      stages.sink += gated.findings().size();
      long t2 = System.nanoTime();
      write(gated.release(), stages);
      long t3 = System.nanoTime();
      stages.read += t1 - t0;
      stages.validate += t2 - t1;
      stages.write += t3 - t2;
    }
    return stages.done();
  }

  /** validate, then release as a separate step (two commands): the notebook is released twice. */
  private static Stages twoPasses(List<Input> inputs, QualityGates gates, ReleaseOptions options) {
    Stages stages = new Stages();
    for (Input input : inputs) {
      long t0 = System.nanoTime();
      Notebook notebook = NotebookReader.parse(input.bytes(), input.file().toString());
      long t1 = System.nanoTime();
      stages.sink += gates.check(input.file(), notebook).size();
      long t2 = System.nanoTime();
      ReleasedNotebook released = StudentRelease.release(notebook, options);
      long t3 = System.nanoTime();
      write(released, stages);
      long t4 = System.nanoTime();
      stages.read += t1 - t0;
      stages.validate += t2 - t1;
      stages.release += t3 - t2;
      stages.write += t4 - t3;
    }
    return stages.done();
  }

  /** The student notebook as nbformat's bytes and the gradebook rows as JSON; the sink keeps the JIT honest. */
  private static void write(ReleasedNotebook released, Stages stages) {
    try {
      stages.sink += NotebookWriter.toBytes(released.student()).length;
      stages.sink += Jackson.MAPPER.writeValueAsBytes(released.gradebookRows()).length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
