/**
 * Listener calls batched by a scheduler: however many changes land between two
 * redraws, the views hear of them once. Shared by the stores that live outside React.
 */
export class BatchedNotifier {
  private scheduled = false;
  private readonly listeners = new Set<() => void>();

  /** `schedule` decides when listeners run (the app passes a short timeout: a few redraws a second). */
  constructor(private readonly schedule: (fn: () => void) => void = (fn) => fn()) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  notify(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      for (const l of this.listeners) l();
    });
  }
}
