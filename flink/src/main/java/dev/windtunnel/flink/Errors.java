package dev.windtunnel.flink;

import java.util.LinkedHashSet;
import java.util.Set;

/** A Flink failure as a short message: the distinct messages of its cause chain, never a stack trace. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    Set<String> parts = new LinkedHashSet<>();
    for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
      String m = t.getMessage();
      if (m == null || m.isBlank()) continue;
      String first = m.strip();
      // Skip wrappers that only repeat their cause or say "job failed".
      if (t.getCause() != null && t.getCause().getMessage() != null && first.contains(t.getCause().getMessage().strip()))
        continue;
      if (first.startsWith("Job execution failed") || first.startsWith("org.apache.flink.runtime.JobException"))
        continue;
      parts.add(first.length() > 600 ? first.substring(0, 600) + "…" : first);
    }
    if (parts.isEmpty()) return e.getClass().getSimpleName();
    return String.join(": ", parts).replace('\n', ' ');
  }
}
