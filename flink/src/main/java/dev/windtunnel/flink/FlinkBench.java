package dev.windtunnel.flink;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Flink as a benchmark peer (`npm run bench -- --flink`): every DIR/*.sql at each parallelism, in
 * one JVM and one MiniCluster, so the JIT is warm and no run pays for a JVM or a cluster start.
 * Rounds interleave scripts and parallelisms (a noisy neighbour slows all alike); the first
 * `warmup` rounds are untimed. Timed runs write to a blackhole sink (a user's job would write
 * somewhere; the collect sink's client round trips are not the engine's speed); then one run per
 * script and parallelism prints its rows, so the caller can checksum them.
 *
 * <pre>
 * FlinkBench --parallelism 1,2 --runs N --warmup W DIR
 *   #timing {"script":..,"parallelism":..,"warmup":..,"start_ms":..,"run_ms":..,"total_ms":..}
 *   #rows NAME P, the rows with "op" (-U included), #end NAME P {"total_ms":..}
 *   #error NAME P MESSAGE-AS-JSON
 * </pre>
 *
 * start_ms: from the client's call (planning, code generation, job graph, submission,
 * scheduling, deployment, each operator's open) until the last task is RUNNING; run_ms: from
 * then until the job is FINISHED — the time the rows take.
 */
public final class FlinkBench {
  private FlinkBench() {}

  public static void main(String[] args) throws Exception {
    List<Integer> parallelisms = new ArrayList<>();
    int runs = 3;
    int warmup = 1;
    String dir = null;
    for (int k = 0; k < args.length; k++) {
      switch (args[k]) {
        case "--parallelism" -> {
          for (String p : args[++k].split(",")) parallelisms.add(Integer.parseInt(p.trim()));
        }
        case "--runs" -> runs = Integer.parseInt(args[++k]);
        case "--warmup" -> warmup = Integer.parseInt(args[++k]);
        default -> dir = args[k];
      }
    }
    if (dir == null || parallelisms.isEmpty())
      throw new IllegalArgumentException("usage: FlinkBench --parallelism 1,2 --runs N --warmup W DIR");
    List<Path> scripts = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of(dir))) {
      s.filter(p -> p.toString().endsWith(".sql")).sorted().forEach(scripts::add);
    }
    PrintStream out =
        new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    int slots = parallelisms.stream().mapToInt(Integer::intValue).max().getAsInt();
    try (JobTarget target = JobTarget.local(slots)) {
      List<String> failed = new ArrayList<>();
      for (int round = 0; round < warmup + runs; round++) {
        for (Path f : scripts) {
          for (int p : parallelisms) {
            String key = name(f) + " " + p;
            if (failed.contains(key)) continue;
            try {
              timed(target, f, p, round < warmup, out);
            } catch (Exception | LinkageError e) {
              failed.add(key);
              error(out, key, e);
            }
          }
        }
      }
      for (Path f : scripts) {
        for (int p : parallelisms) {
          String key = name(f) + " " + p;
          if (failed.contains(key)) continue;
          long t0 = System.nanoTime();
          out.println("#rows " + key);
          try {
            FlinkSqlRunner.run(target, Files.readString(f), p, true, true, out);
            out.println("#end " + key + " {\"total_ms\":" + (System.nanoTime() - t0) / 1e6 + "}");
          } catch (Exception | LinkageError e) {
            error(out, key, e);
          }
          out.flush();
        }
      }
    }
    out.flush();
    System.exit(0);
  }

  private static String name(Path f) {
    String n = f.getFileName().toString();
    return n.substring(0, n.length() - ".sql".length());
  }

  private static void error(PrintStream out, String key, Throwable e) {
    StringBuilder msg = new StringBuilder();
    JsonRow.string(msg, Errors.describe(e));
    out.println("#error " + key + " " + msg);
    out.flush();
  }

  /** One run into a blackhole sink, with its start and run time from the job's own timestamps. */
  private static void timed(JobTarget target, Path f, int p, boolean warm, PrintStream out) throws Exception {
    List<String> statements = SqlScript.statements(Files.readString(f));
    StreamTableEnvironment tEnv = FlinkSqlRunner.tableEnvironment(target, p);
    for (int i = 0; i < statements.size() - 1; i++) tEnv.executeSql(statements.get(i)).await();
    // Wall clock, not nanoTime: the cluster stamps its states with currentTimeMillis in this JVM.
    long t0 = System.currentTimeMillis();
    Table query = tEnv.sqlQuery(statements.get(statements.size() - 1));
    TableDescriptor sink =
        TableDescriptor.forConnector("blackhole")
            .schema(Schema.newBuilder().fromResolvedSchema(query.getResolvedSchema()).build())
            .build();
    TableResult result = query.executeInsert(sink);
    JobID id = result.getJobClient().orElseThrow().getJobID();
    result.await();
    long t1 = System.currentTimeMillis();
    AccessExecutionGraph g = target.miniCluster().getExecutionGraph(id).get();
    long running = 0;
    for (AccessExecutionVertex v : g.getAllExecutionVertices())
      running = Math.max(running, v.getStateTimestamp(ExecutionState.RUNNING));
    long finished = g.getStatusTimestamp(JobStatus.FINISHED);
    if (running <= 0 || finished <= 0) throw new IllegalStateException("the job has no RUNNING or FINISHED time");
    out.println(
        "#timing {\"script\":\""
            + name(f)
            + "\",\"parallelism\":"
            + p
            + ",\"warmup\":"
            + warm
            + ",\"start_ms\":"
            + (running - t0)
            + ",\"run_ms\":"
            + (finished - running)
            + ",\"total_ms\":"
            + (t1 - t0)
            + "}");
    out.flush();
  }
}
