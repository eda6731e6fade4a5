/**
 * Shared by the join property tests: two small streams, a plan joining them
 * directly, a run through the engine in any variant, and the merged arrival
 * order with the combined watermark before each row, spelled out naively
 * (the references are written from the rules, not from the operators).
 */
import fc from 'fast-check';
import { batchToRowsWithOp } from '../core/batch-rows';
import type { Row, Schema } from '../core/types';
import type { JoinStrategy, JoinType, PhysicalPlan, SourceSpec } from '../plan/physical-plan';
import { rowsClock, rowsClockData } from '../sources/rows-clock';
import { createRowsSource } from '../sources/rows-source';
import { runSourcesInProcess, type RunOptions } from './run-in-process';
import { KEY_COMPACTION } from '../operators/key-compaction';

const field = (name: string, type: Schema[number]['type'], nullable = true) => ({ name, type, nullable });

/** Left: k, a, ts (+ ws, we); right: k, b, ts (+ ws, we). */
export const LEFT: Schema = [
  field('k', 'BIGINT'),
  field('a', 'VARCHAR', false),
  field('ts', 'TIMESTAMP', false),
  field('ws', 'TIMESTAMP'),
  field('we', 'TIMESTAMP'),
];
export const RIGHT: Schema = [
  field('k', 'BIGINT'),
  field('b', 'VARCHAR', false),
  field('ts', 'TIMESTAMP', false),
  field('ws', 'TIMESTAMP'),
  field('we', 'TIMESTAMP'),
];
export const TS = 2;
export const WS = 3;
export const WE = 4;

const spec = (stream: string, columns: Schema, delay: number): SourceSpec => ({
  stream,
  streamSchema: columns,
  columns,
  timeColumn: TS,
  watermarkDelay: delay,
  generator: null,
  options: {},
  keyColumn: null,
});

export function joinPlan(type: JoinType, strategy: JoinStrategy, d: readonly [number, number]): PhysicalPlan {
  const leftOnly = type === 'semi' || type === 'anti';
  const schema = leftOnly ? LEFT : [...LEFT, ...RIGHT.map((f) => ({ ...f, name: `r_${f.name}` }))];
  const col = (index: number) => ({ kind: 'column', index, name: 'k', type: 'BIGINT' }) as const;
  return {
    kind: 'physical',
    sources: [spec('a', LEFT, d[0]), spec('b', RIGHT, d[1])],
    nodes: [
      {
        op: {
          kind: 'join',
          type,
          strategy,
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

/** An output row as text: op, then the left's k, a, ts and the right's k, b, ts (NULL-padded sides as nulls). */
export function rowText(op: string, l: Row | null, r: Row | null): string {
  return JSON.stringify([
    op,
    l?.['k'] ?? null,
    l?.['a'] ?? null,
    l?.['ts'] ?? null,
    r?.['k'] ?? null,
    r?.['b'] ?? null,
    r?.['ts'] ?? null,
  ]);
}

export function engineRun(
  plan: PhysicalPlan,
  inputs: readonly Row[][],
  opts: RunOptions,
): { rows: string[]; late: number } {
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
  const both = plan.output.length > LEFT.length;
  const rows = r.batches
    .flatMap((x) => batchToRowsWithOp(x, plan.output))
    .map((o) => {
      const l = o['k'] === null && o['a'] === null ? null : { k: o['k']!, a: o['a']!, ts: o['ts']! };
      const rr =
        !both || (o['r_k'] === null && o['r_b'] === null)
          ? null
          : { k: o['r_k']!, b: o['r_b']!, ts: o['r_ts']! };
      return rowText(o['op'] as string, l, rr);
    });
  return { rows: rows.sort(), late: r.stats.late };
}

export const VARIANTS: readonly RunOptions[] = [
  { variant: 'direct' },
  { variant: 'batched', batchSize: 1 },
  { variant: 'batched', batchSize: 3 },
  { variant: 'partitioned', partitions: 3, batchSize: 5 },
];

export interface Arrival {
  readonly s: 0 | 1;
  readonly i: number;
  /** The combined watermark before the row: min over the streams of max(ts so far) − d (−∞ before a row, +∞ once a stream has ended). */
  readonly w: number;
}

/** Both streams in arrival order (running max of ts; ties: the left first), each row with W before it. */
export function mergedOrder(a: readonly Row[], b: readonly Row[], d: readonly [number, number]): Arrival[] {
  const rows = [a, b];
  const arrivals = rows.map((rs) => {
    let m = -Infinity;
    return rs.map((r) => (m = Math.max(m, r['ts'] as number)));
  });
  const out: Arrival[] = [];
  const seen = [0, 0];
  const max = [-Infinity, -Infinity];
  while (seen[0]! < a.length || seen[1]! < b.length) {
    const s: 0 | 1 =
      seen[1]! >= b.length || (seen[0]! < a.length && arrivals[0]![seen[0]!]! <= arrivals[1]![seen[1]!]!)
        ? 0
        : 1;
    const ws = [0, 1].map((x) =>
      seen[x] === rows[x]!.length ? Infinity : seen[x] === 0 ? -Infinity : max[x]! - d[x]!,
    );
    out.push({ s, i: seen[s]!, w: Math.min(ws[0]!, ws[1]!) });
    max[s] = Math.max(max[s]!, rows[s]![seen[s]!]!['ts'] as number);
    seen[s]!++;
  }
  return out;
}

/** A small random stream: keys 0–3 (some NULL), times rising with disorder and a few rows far back. */
export const stream = (tag: 'a' | 'b', windowSize = 0): fc.Arbitrary<Row[]> =>
  fc
    .array(
      fc.record({
        k: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 8 }),
        dt: fc.integer({ min: -300, max: 400 }),
      }),
      {
        maxLength: 40,
      },
    )
    .map((xs) => {
      let t = 1000;
      return xs.map((x, n) => {
        t += Math.abs(x.dt) % 200;
        const ts = x.dt < -250 ? t - 2000 : x.dt < 0 ? t + x.dt : t;
        const ws = windowSize > 0 ? Math.floor(ts / windowSize) * windowSize : null;
        return { k: x.k, [tag]: `${tag}${n}`, ts, ws, we: ws === null ? null : ws + windowSize };
      });
    });

/** Runs `fn` with the joins and windowed aggregates forgetting unheld keys from one key on (see KEY_COMPACTION). */
export function compactingKeys(fn: () => void): void {
  const from = KEY_COMPACTION.from;
  KEY_COMPACTION.from = 1;
  try {
    fn();
  } finally {
    KEY_COMPACTION.from = from;
  }
}
