/**
 * The deduplication against a row-at-a-time model of its contract, on random streams: keys with
 * duplicates, NULL, NaN, −0 and 0, fractions and big numbers; NULL times; a watermark that moves
 * in jumps (so candidates wait across batches); random batch cuts. The same stream runs keyed by
 * a DOUBLE column (the one-number-key path, NumberGroups) and by the same keys as VARCHAR (the
 * general path, GroupKeys): both must emit what the model emits, in its order, with its watermark
 * per row, and reject the same rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnBatch } from '../core/batch';
import { buildBatch } from '../core/batch-builder';
import { batchToRows } from '../core/batch-rows';
import type { Schema, Value } from '../core/types';
import type { Expr } from '../plan/physical-plan';
import { DeduplicateOperator } from './deduplicate-operator';
import type { OperatorContext } from './operator';

const INPUT: Schema = [
  { name: 'kn', type: 'DOUBLE', nullable: true },
  { name: 'ks', type: 'VARCHAR', nullable: true },
  { name: 'v', type: 'BIGINT', nullable: false },
  { name: 'ts', type: 'TIMESTAMP', nullable: true },
];
const OUTPUT: Schema = [...INPUT, { name: 'rn', type: 'BIGINT', nullable: false }];
const KN: Expr = { kind: 'column', index: 0, name: 'kn', type: 'DOUBLE' };
const KS: Expr = { kind: 'column', index: 1, name: 'ks', type: 'VARCHAR' };

/** A key as the general path sees it: NaN one value, −0 the same as 0. */
const keyText = (k: number | null): string | null =>
  k === null ? null : Number.isNaN(k) ? 'NaN' : String(k === 0 ? 0 : k);

interface Input {
  readonly rows: (readonly [number | null, number | null])[];
  /** Watermark before each row (non-decreasing). */
  readonly wm: readonly number[];
  /** Batch lengths (the rest of the rows go in one last batch). */
  readonly cuts: readonly number[];
}

type Out = { rows: Value[][]; rejected: string[] };

/** The contract, one row at a time: per key the first by (time, seq) until the watermark reaches it. */
function model(input: Input): Out[] {
  const keys = new Map<string, { out: boolean; ts: number; seq: number; row: Value[] }>();
  let wm = -Infinity;
  let cur: Out = { rows: [], rejected: [] };
  const calls: Out[] = [];
  const emit = (c: { out: boolean; seq: number; row: Value[] }): void => {
    c.out = true;
    cur.rows.push([...c.row, 1, c.seq, wm]);
  };
  const advance = (w: number): void => {
    wm = w;
    const ready = [...keys.values()].filter((c) => !c.out && c.ts <= w);
    ready.sort((a, b) => a.ts - b.ts || a.seq - b.seq).forEach(emit);
  };
  for (const batch of batchesOf(input)) {
    for (const { row, seq, w } of batch) {
      if (w > wm) advance(w);
      const t = row[3] as number | null;
      if (t === null) {
        cur.rejected.push(`invalid ${seq}`);
        continue;
      }
      const k = String(keyText(row[0] as number | null));
      const c = keys.get(k);
      if (c?.out) {
        if (t < c.ts) cur.rejected.push(`late ${seq}`);
        continue;
      }
      if (c !== undefined && (t > c.ts || (t === c.ts && seq > c.seq))) continue;
      const next = { out: false, ts: t, seq, row };
      keys.set(k, next);
      if (t <= wm) emit(next);
    }
    const last = batch[batch.length - 1]!.w;
    if (last > wm) advance(last);
    calls.push(cur);
    cur = { rows: [], rejected: [] };
  }
  advance(Infinity);
  calls.push(cur);
  return calls;
}

function batchesOf(input: Input): { row: Value[]; seq: number; w: number }[][] {
  const all = input.rows.map(([k, t], i) => ({ row: [k, keyText(k), i, t], seq: i, w: input.wm[i]! }));
  const out: (typeof all)[] = [];
  let at = 0;
  for (const n of input.cuts) {
    if (at >= all.length) break;
    out.push(all.slice(at, at + n));
    at += n;
  }
  if (at < all.length) out.push(all.slice(at));
  return out;
}

function run(input: Input, key: Expr): Out[] {
  let cur: Out = { rows: [], rejected: [] };
  const ctx: OperatorContext = {
    stateLimit: 1e9,
    events: null,
    reject: (b, i, _n, reason) => cur.rejected.push(`${reason} ${b.seq[i]}`),
  };
  const op = new DeduplicateOperator(
    { kind: 'deduplicate', partitionBy: [key], timeColumn: 3, schema: OUTPUT },
    INPUT,
    INPUT.map((f) => f.name),
    ctx,
  );
  let wm = -Infinity;
  let sent: ColumnBatch[] = [];
  const sink = { push: (b: ColumnBatch): void => void sent.push(b) };
  const calls: Out[] = [];
  const collect = (): void => {
    // Batches of one call read as one: each one's watermark after is the next one's first row's.
    sent.forEach((b, j) => {
      const next = sent[j + 1];
      expect(b.wmAfter).toBe(next === undefined ? wm : next.wm[0]);
      batchToRows(b, OUTPUT).forEach((r, i) =>
        cur.rows.push([...OUTPUT.map((f) => r[f.name]!), b.seq[i]!, b.wm[i]!]),
      );
    });
    calls.push(cur);
    cur = { rows: [], rejected: [] };
    sent = [];
  };
  for (const batch of batchesOf(input)) {
    const b = batch.map((r) => r.row);
    const wmAfter = Math.max(wm, batch[batch.length - 1]!.w);
    op.onBatch(
      buildBatch(b, INPUT, { seq: batch.map((r) => r.seq), wm: batch.map((r) => r.w), wmAfter }),
      sink,
    );
    wm = wmAfter;
    collect();
  }
  op.onWatermark(Infinity, sink);
  wm = Infinity;
  collect();
  return calls;
}

const key = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -3, max: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, NaN, -0, 0, 1.5, -2.25, 2 ** 40, 2 ** 31) },
);
const stream = fc
  .array(fc.tuple(key, fc.option(fc.integer({ min: 0, max: 60 }), { freq: 12 }), fc.nat(12)), {
    minLength: 1,
    maxLength: 80,
  })
  .chain((rs) =>
    fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 12 }).map((cuts) => {
      let w = -Infinity;
      // The watermark mostly stands still, then jumps: rows wait for it across batches.
      const wm = rs.map(([, , d]) => (w = d < 9 ? w : Math.max(w, 0) + d * 3));
      return { rows: rs.map(([k, t]) => [k, t] as const), wm, cuts };
    }),
  );

/** Integers in [0, n) from a seed (mulberry32: an LCG's low bits repeat too soon for `% n`). */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

describe('DeduplicateOperator against its contract', () => {
  it('keyed by one number and by the same keys as strings, emits what the model emits', () => {
    fc.assert(
      fc.property(stream, (input) => {
        const want = model(input);
        expect(run(input, KN)).toEqual(want);
        expect(run(input, KS)).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it('sends candidates of earlier batches and of this one interleaved by time (more runs than batches it splits into)', () => {
    // Keys 0–4 wait in the arena at times 10, 30, …; keys 5–9 arrive at 20, 40, …; W = 100 sends all ten.
    const rows: [number, number][] = [];
    for (let k = 0; k < 5; k++) rows.push([k, 10 + 20 * k]);
    for (let k = 0; k < 5; k++) rows.push([5 + k, 20 + 20 * k]);
    rows.push([99, 200]);
    const input: Input = { rows, wm: rows.map((_, i) => (i < 10 ? 0 : 100)), cuts: [5] };
    const want = model(input);
    expect(want[1]!.rows.map((r) => r[2])).toEqual([0, 5, 1, 6, 2, 7, 3, 8, 4, 9]);
    expect(run(input, KN)).toEqual(want);
    expect(run(input, KS)).toEqual(want);
  });

  it('holds thousands of waiting keys across batches (candidate records grow and are reused)', () => {
    const next = random(5);
    const rows: [number | null, number | null][] = [];
    const wm: number[] = [];
    let w = -Infinity;
    for (let i = 0; i < 6000; i++) {
      // Keys spread 1024 apart in part, so the one-number path also leaves its pages for the hash.
      const k = next(10) === 0 ? null : next(3) === 0 ? next(3000) * 1024 : next(3000);
      rows.push([k, next(50) === 0 ? null : next(2000) + Math.floor(i / 3)]);
      if (next(400) === 0) w = Math.max(w, 0) + next(1500);
      wm.push(w);
    }
    const input: Input = { rows, wm, cuts: Array.from({ length: 40 }, () => 1 + next(400)) };
    const want = model(input);
    // Some watermark jump sends more rows at once than the 64 records the operator starts with.
    expect(Math.max(...want.map((c) => c.rows.length))).toBeGreaterThan(64);
    expect(run(input, KN)).toEqual(want);
    expect(run(input, KS)).toEqual(want);
  });

  it('finds the waiting rows of a batch larger than the record pool (no list of them is kept)', () => {
    const next = random(9);
    const rows: [number | null, number | null][] = [];
    const wm: number[] = [];
    // A watermark 150 behind the times: ~150 candidates wait at every batch's end.
    for (let i = 0; i < 3000; i++) {
      rows.push([next(2500), i + next(20)]);
      wm.push(i - 150);
    }
    const input: Input = { rows, wm, cuts: Array.from({ length: 12 }, () => 200 + next(300)) };
    const want = model(input);
    expect(run(input, KN)).toEqual(want);
    expect(run(input, KS)).toEqual(want);
  });
});
