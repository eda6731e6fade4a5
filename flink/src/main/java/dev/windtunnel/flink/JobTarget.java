package dev.windtunnel.flink;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.util.MiniClusterPipelineExecutorServiceLoader;

/**
 * Where this JVM's jobs run: one embedded MiniCluster started once (a new cluster per job costs
 * seconds), or a running session cluster reached through its REST endpoint, to which the job jar
 * is shipped and from which the collect sink brings the rows back.
 */
abstract class JobTarget implements AutoCloseable {
  /** An environment whose jobs go to this target; `conf` holds the job's settings. */
  abstract StreamExecutionEnvironment environment(Configuration conf);

  /** The embedded cluster, when there is one (the benchmark reads its jobs' timestamps there). */
  MiniCluster miniCluster() {
    return null;
  }

  /** Cancels a job while this JVM exits (the embedded cluster goes with the JVM anyway). */
  void cancelAtExit(JobID job) {}

  @Override
  public void close() throws Exception {}

  static JobTarget local(int slots) throws Exception {
    Configuration conf = new Configuration();
    conf.setString("taskmanager.memory.managed.size", "64m");
    conf.setString("taskmanager.memory.network.min", "32m");
    conf.setString("taskmanager.memory.network.max", "32m");
    conf.setString("rest.bind-port", "0");
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(Math.max(slots, 1))
                .build());
    cluster.start();
    MiniClusterPipelineExecutorServiceLoader executors = new MiniClusterPipelineExecutorServiceLoader(cluster);
    return new JobTarget() {
      @Override
      StreamExecutionEnvironment environment(Configuration c) {
        c.set(DeploymentOptions.TARGET, MiniClusterPipelineExecutorServiceLoader.NAME);
        c.set(DeploymentOptions.ATTACHED, true);
        return new StreamExecutionEnvironment(executors, c, FlinkSqlRunner.class.getClassLoader());
      }

      @Override
      MiniCluster miniCluster() {
        return cluster;
      }

      @Override
      public void close() throws Exception {
        cluster.close();
      }
    };
  }

  /** `hostPort` is the cluster's REST address (HOST:PORT); `jars` go with every job. */
  static JobTarget remote(String hostPort, List<String> jars) {
    InetSocketAddress at = restAddress(hostPort);
    String[] shipped = jars.toArray(new String[0]);
    return new JobTarget() {
      @Override
      void cancelAtExit(JobID job) {
        // The REST call `flink cancel` makes, on a client of its own: Flink's may be closing.
        URI uri = URI.create("http://" + at.getHostString() + ":" + at.getPort() + "/jobs/" + job + "?mode=cancel");
        try {
          HttpResponse<Void> r =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(uri)
                          .method("PATCH", HttpRequest.BodyPublishers.noBody())
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() / 100 == 2) System.err.println("cancelled Flink job " + job + " on " + hostPort);
        } catch (Exception gone) {
          System.err.println("could not cancel Flink job " + job + " on " + hostPort + ": " + gone);
        }
      }

      @Override
      StreamExecutionEnvironment environment(Configuration c) {
        // execution.target = remote, rest.address / rest.port and pipeline.jars, as `flink run` sets them.
        return StreamExecutionEnvironment.createRemoteEnvironment(at.getHostString(), at.getPort(), c, shipped);
      }
    };
  }

  static InetSocketAddress restAddress(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1)
      throw new IllegalArgumentException("--cluster takes HOST:PORT (the cluster's REST address), got " + hostPort);
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535)
      throw new IllegalArgumentException("--cluster: the port must be 1-65535, got " + hostPort.substring(colon + 1));
    return InetSocketAddress.createUnresolved(hostPort.substring(0, colon), port);
  }
}
