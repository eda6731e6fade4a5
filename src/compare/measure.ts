/**
 * One timed run of a plan on one variant, as fast as possible on a bounded number of rows,
 * with no outputs posted back (count and checksum only): what Compare and the sweeps measure.
 */
import { timeSplit, type TimeSplit } from './time-split';
import type { PhysicalPlan } from '../../engine/index';
import { startRun, type EngineConnection, type RunHandle, type VariantName } from '../../engine/worker/index';
import { clock } from '../run/create-engine';
import { inputsOf, type UploadedFiles } from '../sources/uploaded-files';

export interface RunPoint {
  readonly variant: VariantName;
  readonly batchSize: number;
  readonly partitions: number;
  /** Rows asked for (overrides the stream's `total`). */
  readonly rows: number;
}

export interface Measurement {
  readonly point: RunPoint;
  /** Workers the run really used (a plan may force one partition). */
  readonly workers: number;
  readonly batchSize: number;
  readonly notes: readonly string[];
  readonly rowsIn: number;
  readonly seconds: number;
  readonly rowsPerSec: number;
  readonly rowsOut: number;
  readonly checksum: string;
  /** Where the time went: startup apart, then generating, querying, checksumming, sending, lock, idle. */
  readonly split: TimeSplit;
}

/** A run that ended with an error, or because Stop was pressed. */
export class RunFailure extends Error {
  constructor(
    message: string,
    readonly stopped: boolean,
  ) {
    super(message);
  }
}

/** The first line of an error, never a stack trace. */
export function readableError(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0]!.trim() || 'the run failed';
}

export interface MeasureEnv {
  /** Where workers come from (a warm pool for a whole compare). */
  readonly createEngine: () => EngineConnection;
  /** Told the handle while it runs (null after), so Stop can reach it. */
  readonly onHandle: (h: RunHandle | null) => void;
}

export async function measure(
  plan: PhysicalPlan,
  point: RunPoint,
  files: UploadedFiles,
  env: MeasureEnv,
): Promise<Measurement> {
  let handle: RunHandle;
  try {
    handle = startRun(
      plan,
      {
        variant: point.variant,
        batchSize: point.batchSize,
        partitions: point.partitions,
        source: 'local',
        inputs: inputsOf(plan, files),
        deliverOutputs: false,
        rowsPerSecond: 0,
        totalRows: point.rows,
        // Nobody draws these: sample rarely so the timer costs nothing.
        metricsEveryMs: 1000,
      },
      { createEngine: env.createEngine, clock },
    );
  } catch (e) {
    throw new RunFailure(readableError(e), false);
  }
  env.onHandle(handle);
  const s = await handle.done.finally(() => env.onHandle(null));
  if (s.stopped) throw new RunFailure('stopped', true);
  if (s.error !== undefined) throw new RunFailure(readableError(s.error), false);
  const seconds = s.elapsedMs / 1000;
  return {
    point,
    workers: handle.layout.workers,
    batchSize: handle.layout.batchSize,
    notes: handle.layout.notes,
    rowsIn: s.rowsIn,
    seconds,
    rowsPerSec: seconds > 0 ? s.rowsIn / seconds : 0,
    rowsOut: s.rowsOut,
    checksum: s.checksum,
    split: timeSplit(s),
  };
}

export interface Verdict {
  readonly ok: boolean;
  readonly text: string;
}

/** Same answer as direct on the same rows: output row count and checksum must both match. */
export function verdict(m: Measurement, reference: Measurement | undefined): Verdict {
  if (!reference)
    return { ok: false, text: `no direct run on ${m.rowsIn.toLocaleString('en-US')} rows to check against` };
  if (m === reference) return { ok: true, text: 'the reference' };
  if (m.rowsIn !== reference.rowsIn)
    return {
      ok: false,
      text: `read ${m.rowsIn.toLocaleString('en-US')} rows, direct read ${reference.rowsIn.toLocaleString('en-US')}`,
    };
  if (m.rowsOut !== reference.rowsOut)
    return {
      ok: false,
      text: `${m.rowsOut.toLocaleString('en-US')} rows out, direct gave ${reference.rowsOut.toLocaleString('en-US')}`,
    };
  if (m.checksum !== reference.checksum)
    return { ok: false, text: `checksum ${m.checksum} ≠ direct’s ${reference.checksum}` };
  return { ok: true, text: 'same rows out and checksum as direct' };
}

/** The direct measurement over the same input rows, if there is one. */
export function referenceFor(
  m: Measurement,
  all: readonly (Measurement | undefined)[],
): Measurement | undefined {
  return all.find((r) => r !== undefined && r.point.variant === 'direct' && r.rowsIn === m.rowsIn);
}

export function pointLabel(p: RunPoint): string {
  switch (p.variant) {
    case 'direct':
      return 'direct';
    case 'per-record':
      return 'per-record';
    case 'batched':
      return `batched @${p.batchSize}`;
    case 'partitioned':
    case 'shared-lock':
      return `${p.variant} ×${p.partitions}`;
  }
}

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const fmtSeconds = (s: number): string => (s < 10 ? s.toFixed(3) : s.toFixed(2));
export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return '—';
  return r >= 0.1 ? `${r.toFixed(2)}×` : `${r.toPrecision(2)}×`;
}
export function fmtRows(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}K`;
  return fmtInt(n);
}
