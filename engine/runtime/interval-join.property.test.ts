/**
 * The interval join against a reference written from its rules alone (a
 * naive loop over both streams in arrival order), on random streams with
 * disorder and late rows, for every join type, in every feeding: batch
 * sizes, one engine or hash partitions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchToRows } from '../core/batch-rows';
import type { Row, Schema } from '../core/types';
import type { JoinType, PhysicalPlan, SourceSpec } from '../plan/physical-plan';
import { rowsClock, rowsClockData } from '../sources/rows-clock';
import { createRowsSource } from '../sources/rows-source';
import { runSourcesInProcess, type RunOptions } from './run-in-process';

const A: Schema = [
  { name: 'k', type: 'BIGINT', nullable: true },
  { name: 'a', type: 'VARCHAR', nullable: false },
  { name: 'ts', type: 'TIMESTAMP', nullable: false },
];
const B: Schema = [
  { name: 'k', type: 'BIGINT', nullable: true },
  { name: 'b', type: 'VARCHAR', nullable: false },
  { name: 'ts', type: 'TIMESTAMP', nullable: false },
];
const spec = (stream: string, columns: Schema, delay: number): SourceSpec => ({
  stream,
  streamSchema: columns,
  columns,
  timeColumn: 2,
  watermarkDelay: delay,
  generator: null,
  options: {},
  keyColumn: null,
});

function joinPlan(type: JoinType, lower: number, upper: number, d: [number, number]): PhysicalPlan {
  const schema = [...A, ...B.map((f) => ({ ...f, name: `r_${f.name}` }))];
  const col = (index: number) => ({ kind: 'column', index, name: 'k', type: 'BIGINT' }) as const;
  return {
    kind: 'physical',
    sources: [spec('a', A, d[0]), spec('b', B, d[1])],
    nodes: [
      {
        op: {
          kind: 'join',
          type,
          strategy: { kind: 'interval', leftTime: 2, rightTime: 2, lower, upper },
          leftKeys: [col(0)],
          rightKeys: [col(0)],
          condition: null,
          schema,
        },
        inputs: [
          { kind: 'source', index: 0 },
          { kind: 'source', index: 1 },
        ],
        schema,
        time: null,
      },
    ],
    output: schema,
    partitioning: { kind: 'hash', columns: [[0], [0]] },
    emit: 'append',
    outputKey: [],
  };
}

/** Arrival order (running max of ts per stream; ties: stream a first) and W before each row: the dialect's rules, spelled out. */
function reference(type: JoinType, lower: number, upper: number, d: [number, number], a: Row[], b: Row[]) {
  const arrivals = (rows: Row[]) => {
    let m = -Infinity;
    return rows.map((r) => (m = Math.max(m, r['ts'] as number)));
  };
  const arr = [arrivals(a), arrivals(b)];
  const rows = [a, b];
  const merged: { s: 0 | 1; i: number }[] = [];
  for (let i = 0, j = 0; i < a.length || j < b.length;) {
    if (j >= b.length || (i < a.length && arr[0]![i]! <= arr[1]![j]!)) merged.push({ s: 0, i: i++ });
    else merged.push({ s: 1, i: j++ });
  }
  const seen = [0, 0];
  const max = [-Infinity, -Infinity];
  const held: { s: 0 | 1; i: number; bound: number; matched: boolean }[] = [];
  const out: string[] = [];
  let late = 0;
  const row = (s: 0 | 1, i: number | null, o: number | null) => {
    const l = s === 0 ? i : o;
    const r = s === 0 ? o : i;
    const la = l === null ? { k: null, a: null, ts: null } : a[l]!;
    const rb = r === null ? { k: null, b: null, ts: null } : b[r]!;
    return JSON.stringify([la['k'], la['a'], la['ts'], rb['k'], rb['b'], rb['ts']]);
  };
  const outer = [type === 'left' || type === 'full', type === 'right' || type === 'full'];
  const watermark = (): number => {
    const ws = [0, 1].map((s) =>
      seen[s] === rows[s]!.length ? Infinity : seen[s] === 0 ? -Infinity : max[s]! - d[s]!,
    );
    return Math.min(ws[0]!, ws[1]!);
  };
  const expire = (w: number) => {
    for (let h = held.length - 1; h >= 0; h--) {
      const x = held[h]!;
      if (x.bound >= w) continue;
      if (outer[x.s] && !x.matched) out.push(row(x.s, x.i, null));
      held.splice(h, 1);
    }
  };
  for (const { s, i } of merged) {
    const w = watermark();
    expire(w);
    const x = rows[s]![i]!;
    const t = x['ts'] as number;
    let matched = false;
    for (const y of held) {
      if (y.s === s || x['k'] === null || rows[y.s]![y.i]!['k'] !== x['k']) continue;
      const ty = rows[y.s]![y.i]!['ts'] as number;
      const diff = s === 0 ? t - ty : ty - t; // left.ts − right.ts
      if (diff < lower || diff > upper) continue;
      out.push(row(s, i, y.i));
      matched = true;
      y.matched = true;
    }
    const bound = s === 0 ? t - lower : t + upper;
    if (x['k'] !== null && bound >= w) held.push({ s, i, bound, matched });
    else if (!matched) {
      if (outer[s]) out.push(row(s, i, null));
      else if (x['k'] !== null) late++;
    }
    seen[s]!++;
    max[s] = Math.max(max[s]!, t);
  }
  expire(Infinity);
  return { rows: out.sort(), late };
}

function engineRun(plan: PhysicalPlan, a: Row[], b: Row[], opts: RunOptions) {
  const inputs = [a, b];
  const clocks = inputs.map((rows) =>
    rowsClock(
      rowsClockData(
        rows.map((r) => r['ts'] as number),
        rows.map((_, k) => k),
      ),
    ),
  );
  const sources = inputs.map((rows, s) => {
    const src = createRowsSource(plan.sources[s]!, rows);
    let done = 0;
    return {
      source: {
        bounded: true,
        next: (n: number) => {
          const x = src.next(n);
          if (x) done += x.length;
          return x;
        },
      },
      nextArrival: () => (done < rows.length ? clocks[s]!.arrivalOf(done) : Infinity),
    };
  });
  const r = runSourcesInProcess(plan, sources, { ...opts, engine: { clocks } });
  const rows = r.batches
    .flatMap((x) => batchToRows(x, plan.output))
    .map((o) => JSON.stringify([o['k'], o['a'], o['ts'], o['r_k'], o['r_b'], o['r_ts']]));
  return { rows: rows.sort(), late: r.stats.late };
}

const stream = (tag: string) =>
  fc
    .array(
      fc.record({
        k: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 8 }),
        dt: fc.integer({ min: -300, max: 400 }),
      }),
      { maxLength: 40 },
    )
    .map((xs) => {
      let t = 1000;
      return xs.map((x, n) => {
        t += Math.abs(x.dt) % 200;
        // Some rows move back (disorder), a few far back (late).
        const ts = x.dt < -250 ? t - 2000 : x.dt < 0 ? t + x.dt : t;
        return { k: x.k, [tag]: `${tag}${n}`, ts };
      });
    });

describe('interval join', () => {
  it('matches its rules in every join type, batch size and partitioning', () => {
    fc.assert(
      fc.property(
        stream('a'),
        stream('b'),
        fc.constantFrom<JoinType>('inner', 'left', 'right', 'full'),
        fc.integer({ min: -500, max: 200 }),
        fc.integer({ min: 0, max: 600 }),
        fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })),
        (a, b, type, lower, width, d) => {
          const upper = lower + width;
          const plan = joinPlan(type, lower, upper, d);
          const want = reference(type, lower, upper, d, a, b);
          for (const opts of [
            { variant: 'direct' },
            { variant: 'batched', batchSize: 1 },
            { variant: 'batched', batchSize: 3 },
            { variant: 'partitioned', partitions: 3, batchSize: 5 },
          ] as const)
            expect(engineRun(plan, a, b, opts)).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});
