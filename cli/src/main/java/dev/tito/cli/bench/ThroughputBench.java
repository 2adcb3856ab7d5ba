package dev.tito.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
@Command(name = "throughput", mixinStandardHelpOptions = true,
    description = "MB/s of validate + release over the nbgrader corpus replicated to --megabytes, beside Jackson's floor.")
final class ThroughputBench implements Callable<Integer> {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "notebook/src/test/resources/conformance/nbgrader",
      description = "Folder searched for .ipynb files (default: ${DEFAULT-VALUE}).")
  Path corpus;

  @Option(names = "--megabytes", defaultValue = "50", description = "Replicate the corpus to at least this size (default: ${DEFAULT-VALUE}).")
  int megabytes;

  @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds; the best is reported (default: ${DEFAULT-VALUE}).")
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
    out.printf(Locale.ROOT, "corpus: %d releasable notebooks from %s, replicated to %d notebooks, %.1f MB%n",
        distinct.size(), corpus, inputs.size(), bytes / 1e6);
    out.flush();
    QualityGates gates = new QualityGates();
    ReleaseOptions options = ReleaseOptions.defaults();
    // warm-up: let the JIT compile both paths before measuring
    for (int i = 0; i < 2; i++) {
      floor(inputs);
      tito(inputs, gates, options);
    }
    double floorBest = Double.MAX_VALUE;
    double titoBest = Double.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      floorBest = Math.min(floorBest, floor(inputs));
      titoBest = Math.min(titoBest, tito(inputs, gates, options));
    }
    double floorRate = bytes / 1e6 / floorBest;
    double titoRate = bytes / 1e6 / titoBest;
    double ratio = titoRate / floorRate;
    out.printf(Locale.ROOT, "floor  (Jackson readTree + writeValueAsBytes): %8.1f MB/s  (%.2f s)%n", floorRate, floorBest);
    out.printf(Locale.ROOT, "tito   (read + validate + release + write):    %8.1f MB/s  (%.2f s)%n", titoRate, titoBest);
    out.printf(Locale.ROOT, "ratio  %.2fx of the floor (target >= 0.5x): %s%n", ratio, ratio >= 0.5 ? "met" : "MISSED");
    double mb = bytes / 1e6;
    out.printf(Locale.ROOT, "stages of the best tito round, MB/s: read %.1f, validate %.1f, release %.1f, write %.1f%n",
        mb / (lastStages.read / 1e9), mb / (lastStages.validate / 1e9), mb / (lastStages.release / 1e9),
        mb / (lastStages.write / 1e9));
    out.printf(Locale.ROOT, "release alone (read + release + write): %.2fx of the floor%n",
        mb / ((lastStages.read + lastStages.release + lastStages.write) / 1e9) / floorRate);
    out.flush();
    return 0;
  }

  private List<Input> releasableNotebooks() throws IOException {
    List<Input> inputs = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(corpus)) {
      for (Path file : walk.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        try {
          StudentRelease.release(NotebookReader.parse(bytes, file.toString()), ReleaseOptions.defaults());
          inputs.add(new Input(file, bytes));
        } catch (NotebookFormatException | ReleaseException e) {
          // an invalid notebook stops at its first error: it would flatter the throughput
        }
      }
    }
    return inputs;
  }

  private static double floor(List<Input> inputs) throws IOException {
    long start = System.nanoTime();
    long sink = 0;
    for (Input input : inputs) {
      JsonNode tree = JACKSON.readTree(input.bytes());
      sink += JACKSON.writeValueAsBytes(tree).length;
    }
    return seconds(start, sink);
  }

  /** Seconds spent in each stage of the tito pipeline, summed over a round. */
  private static final class Stages {
    long read;
    long validate;
    long release;
    long write;

    double total() {
      return (read + validate + release + write) / 1e9;
    }
  }

  private double tito(List<Input> inputs, QualityGates gates, ReleaseOptions options) throws IOException {
    Stages stages = new Stages();
    long sink = 0;
    for (Input input : inputs) {
      long t0 = System.nanoTime();
      Notebook notebook = NotebookReader.parse(input.bytes(), input.file().toString());
      long t1 = System.nanoTime();
      sink += gates.check(input.file(), notebook).size();
      long t2 = System.nanoTime();
      ReleasedNotebook released = StudentRelease.release(notebook, options);
      long t3 = System.nanoTime();
      sink += NotebookWriter.toBytes(released.student()).length;
      sink += JACKSON.writeValueAsBytes(released.gradebookRows()).length;
      long t4 = System.nanoTime();
      stages.read += t1 - t0;
      stages.validate += t2 - t1;
      stages.release += t3 - t2;
      stages.write += t4 - t3;
    }
    if (lastStages == null || stages.total() < lastStages.total()) {
      lastStages = stages;
    }
    return sink == Long.MIN_VALUE ? 0 : stages.total();
  }

  private Stages lastStages;

  private static double seconds(long start, long sink) {
    double seconds = (System.nanoTime() - start) / 1e9;
    // the sink keeps the JIT from dropping work whose result is unused
    return sink == Long.MIN_VALUE ? Arrays.hashCode(new long[] {sink}) : seconds;
  }
}
