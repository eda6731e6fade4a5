import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap, MostlySortedQueue } from './min-heap';

/** Interleaved pushes (times, mostly rising with random step backs) and pops; every pop must be a minimum. */
function check(make: () => MinHeap | MostlySortedQueue): void {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: -5, max: 20 }), fc.boolean()), { maxLength: 400 }),
      (steps) => {
        const q = make();
        const live = new Map<number, number>();
        let t = 0;
        let id = 0;
        for (const [dt, pop] of steps) {
          t += dt;
          q.push(t, id, id * 7);
          live.set(id++, t);
          if (pop && q.size > 0) {
            const min = Math.min(...live.values());
            expect(q.peekAt()).toBe(min);
            const got = q.pop();
            expect(live.get(got)).toBe(min);
            expect(q.poppedGen).toBe(got * 7);
            live.delete(got);
          }
        }
        const rest: number[] = [];
        while (q.size > 0) rest.push(live.get(q.pop())!);
        expect(rest).toEqual([...live.values()].sort((a, b) => a - b));
        expect(q.peekAt()).toBe(Infinity);
      },
    ),
  );
}

describe('time queues pop minimum times first', () => {
  it('MinHeap', () => check(() => new MinHeap()));
  it('MostlySortedQueue (ring for in-order times, heap for the rest)', () =>
    check(() => new MostlySortedQueue()));
});
