/**
 * Feeds whose source lives on the orchestrator side: batched (one worker),
 * partitioned with a central scatter, and per-record (one awaited call per
 * row). Backpressure: at most `inFlight` unanswered batches per worker, so a
 * slow engine slows the source and memory stays flat.
 */
import type { ColumnBatch } from '../core/batch';
import { batchDictionaries, rowValues } from '../core/batch-rows';
import type { BatchSource } from '../sources/batch-source';
import type { EngineConnection } from './engine-client';
import { pacedBatchSize } from './local-run';
import type { RunConfig } from './run-config';
import { scatterBatch } from './scatter-batch';

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

/** Pacing by global seq: the row with seq s is due `s / rate` seconds after the start. */
class Pacer {
  private origin: number;
  constructor(private readonly ctx: FeedContext) {
    this.origin = ctx.clock();
  }
  async wait(lastSeq: number): Promise<void> {
    const { ctx } = this;
    this.origin += await ctx.whilePaused();
    const rate = ctx.cfg.rowsPerSecond;
    if (rate <= 0) return;
    const due = this.origin + ((lastSeq + 1) * 1000) / rate;
    const now = ctx.clock();
    if (due > now) await ctx.sleep(due - now);
  }
}

function nextBatch(ctx: FeedContext, source: BatchSource, maxRows: number): ColumnBatch | null {
  const t = ctx.clock();
  const b = source.next(maxRows);
  ctx.counters.sourceMs += ctx.clock() - t;
  return b;
}

export async function feedBatches(ctx: FeedContext, source: BatchSource): Promise<void> {
  const { cfg, conns, clock, counters } = ctx;
  const n = conns.length;
  const queues: Promise<void>[][] = conns.map(() => []);
  const pacer = new Pacer(ctx);
  const maxRows = pacedBatchSize(cfg.batchSize, cfg.rowsPerSecond, 1);
  let round = 0;
  const maybeYield = yielder(ctx);
  const send = async (w: number, batch: ColumnBatch, createdAt: number): Promise<void> => {
    const q = queues[w]!;
    if (q.length >= cfg.inFlight) {
      const t = clock();
      await ctx.guard(q.shift()!);
      counters.waitMs += clock() - t;
    }
    const t = clock();
    q.push(conns[w]!.api.push(batch, createdAt));
    counters.sendMs += clock() - t;
  };
  while (!ctx.isStopped()) {
    const batch = nextBatch(ctx, source, maxRows);
    if (batch === null) break;
    if (batch.length === 0) continue;
    await pacer.wait(batch.seq[batch.length - 1]!);
    await maybeYield();
    const createdAt = clock();
    if (n === 1) await send(0, batch, createdAt);
    else if (cfg.partitionColumns === null) await send(round++ % n, batch, createdAt);
    else {
      const t = clock();
      const parts = scatterBatch(batch, cfg.partitionColumns, n);
      counters.sourceMs += clock() - t;
      for (let w = 0; w < n; w++) if (parts[w]!.length > 0) await send(w, parts[w]!, createdAt);
    }
  }
  const t = clock();
  for (const q of queues) await ctx.guard(Promise.all(q));
  counters.waitMs += clock() - t;
}

export async function feedRecords(ctx: FeedContext, source: BatchSource): Promise<void> {
  const { clock, counters } = ctx;
  const api = ctx.conns[0]!.api;
  const pacer = new Pacer(ctx);
  const maxRows = pacedBatchSize(ctx.cfg.batchSize, ctx.cfg.rowsPerSecond, 1);
  const maybeYield = yielder(ctx);
  while (!ctx.isStopped()) {
    const batch = nextBatch(ctx, source, maxRows);
    if (batch === null) break;
    await maybeYield();
    const t0 = clock();
    const dicts = batchDictionaries(batch);
    counters.sourceMs += clock() - t0;
    for (let i = 0; i < batch.length; i++) {
      await pacer.wait(batch.seq[i]!);
      const wmAfter = i + 1 < batch.length ? batch.wm[i + 1]! : batch.wmAfter;
      const t = clock();
      // One object and one awaited round trip per row: the pathology, measured honestly.
      await ctx.guard(
        api.pushRow({
          values: rowValues(batch, i, dicts),
          seq: batch.seq[i]!,
          wm: batch.wm[i]!,
          wmAfter,
          createdAt: t,
        }),
      );
      counters.roundTripMs += clock() - t;
      if (ctx.isStopped()) return;
    }
  }
}
