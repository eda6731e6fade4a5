/** A tiny observable: what the UI subscribes to for metrics and outputs. A throwing subscriber never breaks the run. */
export class Subscribers<T> {
  private readonly cbs = new Set<(value: T) => void>();

  subscribe(cb: (value: T) => void): () => void {
    this.cbs.add(cb);
    return () => this.cbs.delete(cb);
  }

  emit(value: T): void {
    for (const cb of this.cbs) {
      try {
        cb(value);
      } catch {
        // A UI bug must not end the run; the UI sees its own error.
      }
    }
  }
}
