package dev.windtunnel.flink;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs Flink SQL scripts in streaming mode, on one embedded MiniCluster or on
 * a running session cluster, and prints the last statement's rows as JSON
 * lines, the way `npm run query` prints Windtunnel's.
 *
 * <pre>
 * FlinkSqlRunner [--parallelism N] [--changelog] [--cluster HOST:PORT [--jar JOB.jar]] SCRIPT.sql
 *     rows on stdout; an error as one "error: …" line on stderr, exit 1
 * FlinkSqlRunner [--parallelism N] [--cluster HOST:PORT [--jar JOB.jar]] --scripts DIR
 *     every DIR/*.sql in name order, on the same cluster; per script:
 *     "#script NAME", its rows with "op", then "#ok NAME" or "#error NAME MESSAGE-AS-JSON"
 * </pre>
 *
 * With --cluster the jobs go to the session cluster whose REST endpoint is HOST:PORT, each
 * with JOB.jar; the files the script reads must be readable by its TaskManagers.
 */
public final class FlinkSqlRunner {
  private FlinkSqlRunner() {}

  private static JobTarget target;

  public static void main(String[] args) {
    int parallelism = 1;
    boolean changelog = false;
    String scripts = null;
    String file = null;
    String cluster = null;
    List<String> jars = new ArrayList<>();
    try {
      for (int k = 0; k < args.length; k++) {
        switch (args[k]) {
          case "--parallelism" -> parallelism = positive(value(args, ++k, "--parallelism"));
          case "--changelog" -> changelog = true;
          case "--scripts" -> scripts = value(args, ++k, "--scripts");
          case "--cluster" -> cluster = value(args, ++k, "--cluster");
          case "--jar" -> jars.add(value(args, ++k, "--jar"));
          default -> {
            if (args[k].startsWith("--") || file != null)
              throw new IllegalArgumentException("unknown argument " + args[k]);
            file = args[k];
          }
        }
      }
      if ((file == null) == (scripts == null))
        throw new IllegalArgumentException(
            "usage: FlinkSqlRunner [--parallelism N] [--changelog] [--cluster HOST:PORT [--jar JOB.jar]] SCRIPT.sql | --scripts DIR");
      if (cluster != null) JobTarget.restAddress(cluster);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    PrintStream out =
        new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    int rc;
    try (JobTarget t = cluster != null ? JobTarget.remote(cluster, jars) : JobTarget.local(parallelism)) {
      target = t;
      rc = scripts != null ? runAll(Path.of(scripts), parallelism, out) : runOne(Path.of(file), parallelism, changelog, out);
    } catch (Throwable e) {
      out.flush();
      System.err.println("error: " + Errors.describe(e));
      rc = 1;
    }
    out.flush();
    // Flink's non-daemon threads may linger after the cluster closes.
    System.exit(rc);
  }

  private static int runOne(Path file, int parallelism, boolean changelog, PrintStream out) throws IOException {
    String text = Files.readString(file);
    try {
      run(target, text, parallelism, changelog, false, out);
      return 0;
    } catch (Exception | LinkageError e) {
      out.flush();
      System.err.println("error: " + Errors.describe(e));
      return 1;
    }
  }

  private static int runAll(Path dir, int parallelism, PrintStream out) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.toString().endsWith(".sql")).sorted().forEach(files::add);
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      out.println("#script " + name);
      try {
        run(target, Files.readString(f), parallelism, true, false, out);
        out.println("#ok " + name);
      } catch (Exception | LinkageError e) {
        StringBuilder msg = new StringBuilder();
        JsonRow.string(msg, Errors.describe(e));
        out.println("#error " + name + " " + msg);
      }
      out.flush();
    }
    return 0;
  }

  /** Executes every statement; the last one must be a query, whose rows are printed as they arrive. */
  static void run(JobTarget target, String text, int parallelism, boolean withOp, boolean keepRetractions, PrintStream out)
      throws Exception {
    List<String> statements = SqlScript.statements(text);
    if (statements.isEmpty()) throw new IllegalArgumentException("the script has no statements");
    StreamTableEnvironment tEnv = tableEnvironment(target, parallelism);
    for (int i = 0; i < statements.size() - 1; i++) tEnv.executeSql(statements.get(i)).await();
    // Armed before the job is submitted: Ctrl-C between submission and the first row cancels it too.
    JobOnExit job = new JobOnExit(target);
    try {
      TableResult result = tEnv.executeSql(statements.get(statements.size() - 1));
      job.submitted(result);
      List<String> names = result.getResolvedSchema().getColumnNames();
      try (CloseableIterator<Row> rows = result.collect()) {
        while (rows.hasNext()) {
          Row row = rows.next();
          // Windtunnel's changelog has no -U: its +U replaces the old row. Print -U only with --changelog.
          if (!withOp && !keepRetractions && row.getKind() == RowKind.UPDATE_BEFORE) continue;
          out.println(JsonRow.format(row, names, withOp));
        }
      }
    } finally {
      job.disarm();
    }
  }

  /** A streaming table environment whose jobs go to `target`, with Windtunnel's time settings. */
  static StreamTableEnvironment tableEnvironment(JobTarget target, int parallelism) {
    Configuration conf = new Configuration();
    // Emit the watermark on every row that advances it (not every 200 ms of wall clock):
    // the same watermark at the same row in every run, as Windtunnel defines it.
    conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, java.time.Duration.ZERO);
    StreamExecutionEnvironment env = target.environment(conf);
    env.setParallelism(parallelism);
    StreamTableEnvironment tEnv = StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
    // TIMESTAMP values are epoch ms in Windtunnel: read and print them as UTC.
    tEnv.getConfig().set("table.local-time-zone", "UTC");
    return tEnv;
  }

  private static String value(String[] args, int k, String flag) {
    if (k >= args.length) throw new IllegalArgumentException(flag + " needs a value");
    return args[k];
  }

  private static int positive(String s) {
    try {
      int n = Integer.parseInt(s);
      if (n >= 1) return n;
    } catch (NumberFormatException ignored) {
      // fall through to the message
    }
    throw new IllegalArgumentException("--parallelism must be a positive integer, got " + s);
  }
}
