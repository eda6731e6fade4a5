/**
 * Where a Compare run's time went (issue #18): startup apart, then the
 * threads' time after it — generating rows, querying, checksumming and sending results,
 * waiting on the lock, idle — as shares of all of it, workers and the feed
 * summed. It says what bounds a variant: a run that is mostly "gen" is
 * measuring the generator, not the engine.
 */
import type { RunSummary } from '../../engine/worker/run-types';

export interface TimeSplit {
  readonly startupSeconds: number;
  /** Shares of the threads' time after startup, summing to 1 (all 0 when nothing was counted). */
  readonly generate: number;
  readonly query: number;
  /** Checksumming the outputs: what lets a run be compared with direct. */
  readonly check: number;
  readonly transfer: number;
  readonly lock: number;
  readonly idle: number;
  /** With several workers, each one's share of the input rows (the partitioning's balance); else empty. */
  readonly workerRows: readonly number[];
}

export function timeSplit(s: RunSummary): TimeSplit {
  let generate = s.feedTime.generateMs;
  let query = 0;
  let check = 0;
  let transfer = s.feedTime.sendMs;
  let lock = 0;
  let idle = 0;
  // The feed's waiting is its idle time, as the workers' is theirs.
  idle += s.feedTime.waitMs;
  for (const w of s.workerTimes) {
    generate += w.generateMs;
    query += w.queryMs;
    check += w.checkMs;
    transfer += w.transferMs;
    lock += w.lockWaitMs;
    idle += w.idleMs;
  }
  const total = generate + query + check + transfer + lock + idle;
  const share = (x: number): number => (total > 0 ? x / total : 0);
  const rows = s.workerTimes.reduce((a, w) => a + w.rowsIn, 0);
  const workerRows = s.workerTimes.length > 1 && rows > 0 ? s.workerTimes.map((w) => w.rowsIn / rows) : [];
  return {
    startupSeconds: s.startupMs / 1000,
    generate: share(generate),
    query: share(query),
    check: share(check),
    transfer: share(transfer),
    lock: share(lock),
    idle: share(idle),
    workerRows,
  };
}

/** The shares in order, with their short names; those under `min` left out (the text drops parts under 1 %). */
export function splitParts(
  t: TimeSplit,
  min = 0.01,
): { readonly key: SplitKey; readonly label: string; readonly share: number }[] {
  return SPLIT_LABELS.map(([key, label]) => ({ key, label, share: t[key] })).filter(
    (p) => p.share > 0 && p.share >= min,
  );
}

export type SplitKey = 'generate' | 'query' | 'check' | 'transfer' | 'lock' | 'idle';
const SPLIT_LABELS: readonly (readonly [SplitKey, string])[] = [
  ['generate', 'gen'],
  ['query', 'query'],
  ['check', 'check'],
  ['transfer', 'send'],
  ['lock', 'lock'],
  ['idle', 'idle'],
];

/** `startup 120 ms` (in s from 1 s). */
export function startupText(t: TimeSplit): string {
  const s = t.startupSeconds;
  return `startup ${s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(2)} s`}`;
}

/** `worker rows 37 / 63 %`: how evenly the partitioning spread the rows (key skew shows here); "" for one worker. */
export function workerRowsText(t: TimeSplit): string {
  return t.workerRows.length > 0
    ? `worker rows ${t.workerRows.map((r) => Math.round(r * 100)).join(' / ')} %`
    : '';
}

/** `startup 120 ms · gen 62 % · query 25 % · check 4 % · send 3 % · idle 6 %` (· worker rows …). */
export function splitText(t: TimeSplit): string {
  const rows = workerRowsText(t);
  return [
    startupText(t),
    ...splitParts(t).map((p) => `${p.label} ${Math.round(p.share * 100)} %`),
    ...(rows ? [rows] : []),
  ].join(' · ');
}
