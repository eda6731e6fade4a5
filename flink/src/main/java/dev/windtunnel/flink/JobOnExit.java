package dev.windtunnel.flink;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobID;
import org.apache.flink.table.api.TableResult;

/**
 * Ctrl-C on the client cancels its job: on a session cluster the job would otherwise run on with
 * nobody reading its rows (for ever, over Kafka). A JVM shutdown hook, armed before the job is
 * submitted; if the signal comes while the submission is under way, the hook waits for its job
 * id (the main thread keeps running while hooks run). The target cancels the job by itself, since
 * Flink's own client may be closed by Flink's hooks at the same moment.
 */
final class JobOnExit {
  private final AtomicReference<JobID> job = new AtomicReference<>();
  private final CountDownLatch known = new CountDownLatch(1);
  private final Thread hook;

  JobOnExit(JobTarget target) {
    hook =
        new Thread(
            () -> {
              try {
                known.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              JobID id = job.get();
              if (id != null) target.cancelAtExit(id);
            });
    Runtime.getRuntime().addShutdownHook(hook);
  }

  void submitted(TableResult result) {
    result.getJobClient().ifPresent(c -> job.set(c.getJobID()));
    known.countDown();
  }

  /** The job ended (or was never submitted): nothing to cancel at exit. */
  void disarm() {
    known.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // the JVM is exiting and the hook is running: it cancels the job
    }
  }
}
