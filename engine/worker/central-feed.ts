/**
 * Feeds whose source lives on the orchestrator side: batched (one worker),
 * partitioned with a central scatter, and per-record (one awaited call per
 * row). Backpressure: at most `inFlight` unanswered batches per worker, so a
 * slow engine slows the source and memory stays flat.
 */
import type { ColumnBatch } from '../core/batch';
import { batchPool } from '../core/batch-pool';
import { batchDictionaries, rowValues } from '../core/batch-rows';
import { emptyBatch } from '../core/batch';
import type { EngineConnection } from './engine-client';
import { pacedBatchSize } from './local-run';
import type { RunConfig } from './run-config';
import { MergedFeed, type FeedItem } from '../sources/merged-feed';
import { scatterBatch } from './scatter-batch';
import type { PlanSource } from './stream-source';

/** Orchestrator-side time, in ms. */
export interface FeedCounters {
  sourceMs: number;
  /** Synchronous cost of issuing calls (structured clone / transfer). */
  sendMs: number;
  /** Blocked on backpressure: the oldest batch in flight had not been answered. */
  waitMs: number;
  /** Per-record: summed round trips of the awaited calls. */
  roundTripMs: number;
}

export interface FeedContext {
  readonly cfg: RunConfig;
  readonly conns: readonly EngineConnection[];
  readonly clock: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Races a promise against stop / a worker's death. */
  readonly guard: <T>(p: Promise<T>) => Promise<T>;
  /** Resolves when not paused; returns the paused time in ms. */
  readonly whilePaused: () => Promise<number>;
  readonly isStopped: () => boolean;
  readonly counters: FeedCounters;
}

const YIELD_EVERY_MS = 100;

/**
 * Lets timers run now and then: with an in-process engine every call answers
 * in a microtask, and a feed that never yields would starve metrics and stop().
 */
function yielder(ctx: FeedContext): () => Promise<void> {
  let last = ctx.clock();
  return async () => {
    const now = ctx.clock();
    if (now - last < YIELD_EVERY_MS) return;
    await ctx.sleep(0);
    last = ctx.clock();
  };
}

/** Pacing by global seq: the row with seq s of a source is due `s / rate` seconds after the start. */
class Pacer {
  private origin: number;
  constructor(private readonly ctx: FeedContext) {
    this.origin = ctx.clock();
  }
  async wait(rate: number, lastSeq: number): Promise<void> {
    const { ctx } = this;
    this.origin += await ctx.whilePaused();
    if (rate <= 0) return;
    const due = this.origin + ((lastSeq + 1) * 1000) / rate;
    const now = ctx.clock();
    if (due > now) await ctx.sleep(due - now);
  }
}

function nextItem(ctx: FeedContext, feed: MergedFeed): FeedItem | null {
  const t = ctx.clock();
  const item = feed.next();
  ctx.counters.sourceMs += ctx.clock() - t;
  return item;
}

function mergedFeed(ctx: FeedContext, sources: readonly PlanSource[], partitions: number): MergedFeed {
  return new MergedFeed(sources, (s) =>
    pacedBatchSize(ctx.cfg.batchSize, sources[s]!.rowsPerSecond, partitions),
  );
}

export async function feedBatches(ctx: FeedContext, sources: readonly PlanSource[]): Promise<void> {
  const { cfg, conns, clock, counters } = ctx;
  const n = conns.length;
  const queues: Promise<void>[][] = conns.map(() => []);
  const pacer = new Pacer(ctx);
  const feed = mergedFeed(ctx, sources, 1);
  let round = 0;
  const maybeYield = yielder(ctx);
  const send = async (
    w: number,
    s: number,
    batch: ColumnBatch,
    createdAt: number,
    nextArrival: number | undefined,
  ): Promise<void> => {
    const q = queues[w]!;
    if (q.length >= cfg.inFlight) {
      const t = clock();
      await ctx.guard(q.shift()!);
      counters.waitMs += clock() - t;
    }
    const t = clock();
    // Our generators' batch comes back once the engine is done with it (from a worker, a new object
    // over the same buffers, transferred back): their pool takes its arrays.
    const ours = batchPool.isMade(batch);
    const back = conns[w]!.api.push(s, batch, createdAt, nextArrival ?? NaN);
    q.push(back.then((b) => (b !== null && ours ? batchPool.adopt(b) : undefined)));
    counters.sendMs += clock() - t;
  };
  while (!ctx.isStopped()) {
    const item = nextItem(ctx, feed);
    if (item === null) break;
    const { source: s, batch, nextArrival } = item;
    // A source's progress (or end) without rows matters only when several sources merge.
    if (batch.length === 0 && nextArrival === undefined) continue;
    if (batch.length > 0) await pacer.wait(sources[s]!.rowsPerSecond, batch.seq[batch.length - 1]!);
    await maybeYield();
    const createdAt = clock();
    const columns = cfg.partitionColumns?.[s] ?? null;
    if (n === 1) await send(0, s, batch, createdAt, nextArrival);
    else if (columns === null) {
      // Any split: whole batches round-robin; with several sources the others still learn the progress.
      const to = round++ % n;
      for (let w = 0; w < n; w++)
        if (w === to) await send(w, s, batch, createdAt, nextArrival);
        else if (nextArrival !== undefined)
          await send(w, s, emptyBatch(batch.wmAfter), createdAt, nextArrival);
    } else {
      const t = clock();
      const parts = scatterBatch(batch, columns, n);
      // The parts are copies: the generators may fill the batch's arrays again.
      batchPool.give(batch);
      counters.sourceMs += clock() - t;
      for (let w = 0; w < n; w++)
        if (parts[w]!.length > 0 || nextArrival !== undefined)
          await send(w, s, parts[w]!, createdAt, nextArrival);
    }
  }
  const t = clock();
  for (const q of queues) await ctx.guard(Promise.all(q));
  counters.waitMs += clock() - t;
}

export async function feedRecords(ctx: FeedContext, sources: readonly PlanSource[]): Promise<void> {
  const { clock, counters } = ctx;
  const api = ctx.conns[0]!.api;
  const pacer = new Pacer(ctx);
  const feed = mergedFeed(ctx, sources, 1);
  const maybeYield = yielder(ctx);
  while (!ctx.isStopped()) {
    const item = nextItem(ctx, feed);
    if (item === null) break;
    const { source: s, batch, nextArrival } = item;
    await maybeYield();
    if (batch.length === 0) {
      if (nextArrival !== undefined) await ctx.guard(api.push(s, batch, clock(), nextArrival));
      continue;
    }
    const t0 = clock();
    const dicts = batchDictionaries(batch);
    counters.sourceMs += clock() - t0;
    for (let i = 0; i < batch.length; i++) {
      await pacer.wait(sources[s]!.rowsPerSecond, batch.seq[i]!);
      const last = i + 1 === batch.length;
      const wmAfter = last ? batch.wmAfter : batch.wm[i + 1]!;
      const t = clock();
      // One object and one awaited round trip per row: the pathology, measured honestly.
      await ctx.guard(
        api.pushRow({
          source: s,
          values: rowValues(batch, i, dicts),
          seq: batch.seq[i]!,
          wm: batch.wm[i]!,
          wmAfter,
          // Inside a batch the source's next row is the batch's next one.
          nextArrival: last ? (nextArrival ?? NaN) : NaN,
          createdAt: t,
        }),
      );
      counters.roundTripMs += clock() - t;
      if (ctx.isStopped()) return;
    }
  }
}
