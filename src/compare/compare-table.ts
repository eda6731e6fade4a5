/** The table Compare shows and exports: one model, drawn as HTML and written as Markdown. */
import type { Job } from './compare-plan';
import {
  fmtInt,
  fmtRatio,
  fmtSeconds,
  pointLabel,
  referenceFor,
  verdict,
  type Measurement,
  type Verdict,
} from './measure';
import type { JobState } from './run-sequence';
import { splitText, type TimeSplit } from './time-split';

export interface TableRow {
  readonly id: string;
  readonly label: string;
  /** A direct run only there to check another run on the same rows. */
  readonly reference: boolean;
  /** Why this row exists or what the runtime decided (reference run, forced to one partition…). */
  readonly notes: readonly string[];
  readonly status: JobState['status'];
  readonly error: string | null;
  readonly m: Measurement | null;
  readonly cells: {
    readonly batchSize: string;
    readonly workers: string;
    readonly rows: string;
    readonly seconds: string;
    readonly rate: string;
    readonly ratio: string;
    readonly rowsOut: string;
    readonly checksum: string;
    readonly split: string;
  };
  readonly verdict: Verdict | null;
  /** The measured split behind `cells.split`, drawn as a bar. */
  readonly split: TimeSplit | null;
}

export const COLUMNS = [
  'variant',
  'batch size',
  'workers',
  'rows',
  'seconds',
  'rows/s',
  '× direct',
  'rows out',
  'checksum',
  'where the time went',
  'matches direct',
] as const;

const done = (s: JobState | undefined): Measurement | undefined => (s?.status === 'done' ? s.m : undefined);

export function tableRows(jobs: readonly Job[], states: readonly JobState[]): TableRow[] {
  const all = jobs.map((_, i) => done(states[i]));
  // Ratios are to the direct run on the most rows (per-record's small reference would flatter it).
  const baseline = all
    .filter((m): m is Measurement => m !== undefined && m.point.variant === 'direct')
    .reduce<Measurement | undefined>(
      (best, m) => (best === undefined || m.rowsIn > best.rowsIn ? m : best),
      undefined,
    );
  return jobs.map((job, i) => {
    const state = states[i] ?? { status: 'pending' };
    const m = all[i] ?? null;
    const notes = [
      ...(job.role === 'reference' ? [`reference: direct on the same rows as per-record`] : []),
      ...(m?.notes ?? []),
    ];
    const p = job.point;
    return {
      id: job.id,
      label: pointLabel(p),
      reference: job.role === 'reference',
      notes,
      status: state.status,
      error: state.status === 'failed' ? state.error : null,
      m,
      cells: {
        batchSize: p.variant === 'per-record' ? '1 row per call' : fmtInt(m?.batchSize ?? p.batchSize),
        workers: String(
          m?.workers ?? (p.variant === 'partitioned' || p.variant === 'shared-lock' ? p.partitions : 1),
        ),
        rows: fmtInt(m?.rowsIn ?? p.rows),
        seconds: m ? fmtSeconds(m.seconds) : '',
        rate: m ? fmtInt(m.rowsPerSec) : '',
        ratio: m && baseline && job.role !== 'reference' ? fmtRatio(m.rowsPerSec / baseline.rowsPerSec) : '',
        rowsOut: m ? fmtInt(m.rowsOut) : '',
        checksum: m ? m.checksum : '',
        split: m ? splitText(m.split) : '',
      },
      verdict: m ? verdict(m, referenceFor(m, all)) : null,
      split: m ? m.split : null,
    };
  });
}

export function statusText(r: TableRow): string {
  switch (r.status) {
    case 'pending':
      return 'waiting';
    case 'running':
      return 'running…';
    case 'stopped':
      return 'stopped';
    case 'skipped':
      return 'not run';
    case 'failed':
      return `failed: ${r.error ?? ''}`;
    case 'done':
      return r.verdict ? `${r.verdict.ok ? '✓' : '✗'} ${r.verdict.text}` : '';
  }
}
