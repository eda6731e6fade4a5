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
}

export function timeSplit(s: RunSummary): TimeSplit {
  let generate = s.feedTime.generateMs;
  let query = 0;
  let check = 0;
  let transfer = s.feedTime.sendMs;
  let lock = 0;
  let idle = 0;
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
  return {
    startupSeconds: s.startupMs / 1000,
    generate: share(generate),
    query: share(query),
    check: share(check),
    transfer: share(transfer),
    lock: share(lock),
    idle: share(idle),
  };
}

/** `startup 120 ms · gen 62 % · query 25 % · send 3 % · idle 10 %` (parts under 1 % left out; startup in s from 1 s). */
export function splitText(t: TimeSplit): string {
  const parts: [string, number][] = [
    ['gen', t.generate],
    ['query', t.query],
    ['check', t.check],
    ['send', t.transfer],
    ['lock', t.lock],
    ['idle', t.idle],
  ];
  const shown = parts.filter(([, x]) => x >= 0.01).map(([k, x]) => `${k} ${Math.round(x * 100)} %`);
  const startup =
    t.startupSeconds < 1 ? `${Math.round(t.startupSeconds * 1000)} ms` : `${t.startupSeconds.toFixed(2)} s`;
  return [`startup ${startup}`, ...shown].join(' · ');
}
