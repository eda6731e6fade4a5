import { describe, expect, it } from 'vitest';
import { compileScript } from '../../engine/index';
import { compareMarkdown } from './compare-markdown';
import { compareJobs, PER_RECORD_ROWS, rowsForBatchSize, sweepJobs } from './compare-plan';
import { tableRows } from './compare-table';
import { verdict, type Measurement, type RunPoint } from './measure';
import { median, type JobState } from './run-sequence';
import { splitText, timeSplit } from './time-split';
import type { RunSummary } from '../../engine/worker/run-types';

const m = (point: RunPoint, over: Partial<Measurement> = {}): Measurement => ({
  point,
  workers: point.partitions,
  batchSize: point.batchSize,
  notes: [],
  rowsIn: point.rows,
  seconds: 0.5,
  rowsPerSec: point.rows / 0.5,
  rowsOut: 10,
  checksum: 'abc',
  split: {
    startupSeconds: 0.05,
    generate: 0.5,
    query: 0.3,
    check: 0,
    transfer: 0.05,
    lock: 0,
    idle: 0.15,
    workerRows: [],
  },
  ...over,
});

describe('compare plan', () => {
  it('races direct, batched and partitioned@2 on the same rows; per-record gets fewer rows and its own direct reference', () => {
    expect(compareJobs({ rows: 1e6, perRecord: false, sharedLock: false }).map((j) => j.id)).toEqual([
      'direct/16384/1/1000000',
      'batched/16384/1/1000000',
      'partitioned/16384/2/1000000',
    ]);
    const jobs = compareJobs({ rows: 1e6, perRecord: true, sharedLock: true });
    expect(jobs.map((j) => `${j.point.variant}:${j.point.rows}:${j.role}`)).toEqual([
      'direct:1000000:measure',
      'batched:1000000:measure',
      'partitioned:1000000:measure',
      'shared-lock:1000000:measure',
      `direct:${PER_RECORD_ROWS}:reference`,
      `per-record:${PER_RECORD_ROWS}:measure`,
    ]);
  });

  it('sweeps run one direct reference per distinct row count, and scale small batches down', () => {
    expect(rowsForBatchSize(1, 1e6)).toBe(5_000);
    expect(rowsForBatchSize(100, 1e6)).toBe(200_000);
    expect(rowsForBatchSize(16384, 1e6)).toBe(1e6);
    const batch = sweepJobs('batched', 1e6);
    const refs = batch.filter((j) => j.role === 'reference').map((j) => j.point.rows);
    expect(new Set(refs)).toEqual(
      new Set(batch.filter((j) => j.role === 'measure').map((j) => j.point.rows)),
    );
    const parts = sweepJobs('partitioned', 1e5);
    expect(parts.filter((j) => j.role === 'measure').map((j) => j.point.partitions)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(parts.filter((j) => j.role === 'reference')).toHaveLength(1);
  });
});

describe('verdict', () => {
  const direct = m({ variant: 'direct', batchSize: 16384, partitions: 1, rows: 1000 });
  const other = (over: Partial<Measurement>) =>
    m({ variant: 'batched', batchSize: 16384, partitions: 1, rows: 1000 }, over);
  it('wants the same rows out and checksum as direct on the same rows', () => {
    expect(verdict(other({}), direct)).toEqual({ ok: true, text: 'same rows out and checksum as direct' });
    expect(verdict(other({ rowsOut: 11 }), direct)).toEqual({
      ok: false,
      text: '11 rows out, direct gave 10',
    });
    expect(verdict(other({ checksum: 'abd' }), direct).text).toBe('checksum abd ≠ direct’s abc');
    expect(verdict(other({ rowsIn: 999 }), direct).ok).toBe(false);
    expect(verdict(other({}), undefined).ok).toBe(false);
  });
});

describe('table and Markdown', () => {
  const jobs = compareJobs({ rows: 1e6, perRecord: true, sharedLock: false });
  const states: JobState[] = jobs.map((j, i) =>
    i === 2
      ? { status: 'done', m: m(j.point, { checksum: 'bad', rowsPerSec: 4e6 }) }
      : i === 4
        ? { status: 'failed', error: 'worker died' }
        : { status: 'done', m: m(j.point) },
  );
  const rows = tableRows(jobs, states);

  it('shows ratios to the largest direct run, ✗ with the reason, and failures in words', () => {
    expect(rows.map((r) => r.cells.ratio)).toEqual(['1.00×', '1.00×', '2.00×', '', '']);
    expect(rows[2]!.verdict).toEqual({ ok: false, text: 'checksum bad ≠ direct’s abc' });
    expect(rows[3]!.reference).toBe(true);
    expect(rows[4]!.error).toBe('worker died');
  });

  it('exports cores, the query, the seed and every row', () => {
    const script = 'SELECT symbol FROM trades WHERE price > 1';
    const plan = compileScript(
      `CREATE STREAM trades (symbol VARCHAR, price DOUBLE, ts TIMESTAMP) WITH (seed = 9);\n${script}`,
    ).plan!;
    const md = compareMarkdown(
      { plan, script, fileNames: {}, rows: 1e6, repeat: 3, cores: 2, when: new Date(0) },
      rows,
    );
    expect(md).toContain('2 cores (navigator.hardwareConcurrency)');
    expect(md).toContain('seed 9');
    expect(md).toContain('the median of 3 timed runs');
    expect(md).toContain(script);
    expect(md).toContain(
      '| partitioned ×2 | 16,384 | 2 | 1,000,000 | 0.500 | 4,000,000 | 2.00× | 10 | bad | startup 50 ms · gen 50 % · query 30 % · send 5 % · idle 15 % | ✗ checksum bad ≠ direct’s abc |',
    );
    expect(md).toContain('| per-record | 1 row per call | 1 | 5,000 |');
    expect(md).toContain('failed: worker died');
  });
});

describe('median', () => {
  const p: RunPoint = { variant: 'batched', batchSize: 16384, partitions: 1, rows: 100 };
  it('keeps the run with the median time, and refuses repeats that disagree', () => {
    const runs = [0.3, 0.1, 0.2].map((seconds) => m(p, { seconds }));
    expect(median(runs).seconds).toBe(0.2);
    expect(() => median([m(p), m(p, { checksum: 'x' })])).toThrow('the answer changed');
  });
});

describe('where the time went', () => {
  it('sums workers and the feed into shares of the time after startup, startup apart', () => {
    const s = {
      startupMs: 120,
      feedTime: { generateMs: 300, sendMs: 20, waitMs: 80 },
      workerTimes: [
        {
          worker: 0,
          rowsIn: 300,
          generateMs: 0,
          queryMs: 200,
          transferMs: 10,
          checkMs: 50,
          lockWaitMs: 0,
          idleMs: 140,
        },
        {
          worker: 1,
          rowsIn: 100,
          generateMs: 0,
          queryMs: 190,
          transferMs: 10,
          checkMs: 0,
          lockWaitMs: 0,
          idleMs: 80,
        },
      ],
    } as unknown as RunSummary;
    const t = timeSplit(s);
    expect(t.startupSeconds).toBe(0.12);
    expect(t.generate + t.query + t.check + t.transfer + t.lock + t.idle).toBeCloseTo(1, 10);
    expect(splitText(t)).toBe(
      'startup 120 ms · gen 28 % · query 36 % · check 5 % · send 4 % · idle 28 % · worker rows 75 / 25 %',
    );
    // One worker: nothing to balance.
    const one = timeSplit({ ...s, workerTimes: s.workerTimes.slice(0, 1) });
    expect(one.workerRows).toEqual([]);
    expect(splitText(one)).not.toContain('worker rows');
  });
  it('is a column of the table and of its Markdown', () => {
    const p: RunPoint = { variant: 'direct', batchSize: 16384, partitions: 1, rows: 1000 };
    const rows = tableRows([{ id: 'a', point: p, role: 'measure' }], [{ status: 'done', m: m(p) }]);
    expect(rows[0]!.cells.split).toBe('startup 50 ms · gen 50 % · query 30 % · send 5 % · idle 15 %');
  });
});
