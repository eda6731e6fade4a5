/**
 * The shared-lock variant's one global mutex: an Int32 in a SharedArrayBuffer,
 * taken with Atomics.compareExchange and slept on with Atomics.wait (the
 * three-state futex mutex: 0 free, 1 held, 2 held with waiters). It exists to
 * measure what the seeds' global mutex costs, not to be used elsewhere.
 */

const FREE = 0;
const HELD = 1;
const CONTENDED = 2;

export function createMutexBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

export class SharedMutex {
  private readonly cell: Int32Array;
  /** Acquisitions that found the lock taken. */
  contended = 0;

  constructor(buffer: SharedArrayBuffer) {
    this.cell = new Int32Array(buffer, 0, 1);
  }

  /** Blocks the calling thread until the lock is ours (never call it on a browser main thread). */
  lock(): void {
    const a = this.cell;
    let c = Atomics.compareExchange(a, 0, FREE, HELD);
    if (c === FREE) return;
    this.contended++;
    if (c !== CONTENDED) c = Atomics.exchange(a, 0, CONTENDED);
    while (c !== FREE) {
      Atomics.wait(a, 0, CONTENDED);
      c = Atomics.exchange(a, 0, CONTENDED);
    }
  }

  unlock(): void {
    const a = this.cell;
    if (Atomics.sub(a, 0, 1) !== HELD) {
      Atomics.store(a, 0, FREE);
      Atomics.notify(a, 0, 1);
    }
  }
}
