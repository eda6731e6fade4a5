// One answer whatever the architecture (dialect §5): every script gives the same
// multiset (and, for change logs, the same sequence per group) for batch sizes
// 1, 7, 1024, 65536 and 1, 2, 3 partitions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchToRowsWithOp } from '../core/batch-rows';
import type { PhysicalPlan } from '../plan/physical-plan';
import { createGeneratorSource } from '../sources/generators/index';
import { checksumBatches } from './checksum';
import {
  compareGolden,
  compileGolden,
  goldenInputName,
  runGolden,
  type GoldenOutput,
} from './golden-support';
import { runInProcess, type RunOptions } from './run-in-process';

const dir = join(__dirname, '../testdata/queries');
const goldens = readdirSync(dir).filter((f) => f.endsWith('.sql'));

const shapes: [string, RunOptions][] = [];
for (const batchSize of [1, 7, 1024, 65536]) {
  shapes.push([`batch ${batchSize}`, { variant: 'batched', batchSize }]);
  for (const partitions of [2, 3])
    shapes.push([
      `batch ${batchSize} × ${partitions} partitions`,
      { variant: 'partitioned', batchSize, partitions },
    ]);
}

const TRADES = `CREATE STREAM trades (trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, side VARCHAR, ts TIMESTAMP,
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
  WITH (total = 6000, rows_per_second = 0, keys = 12, event_step = 7, out_of_order = 0.3, max_out_of_order = '3s',
        late = 0.03, null_rate = 0.05, seed = 11);`;
const generated: Record<string, string> = {
  'tumbling grace': `SELECT symbol, window_start, COUNT(*) AS n, SUM(quantity) AS q, AVG(price) AS p, MAX(price) AS mx
    FROM trades GROUP BY symbol WINDOW TUMBLING (ts, INTERVAL '2' SECOND) GRACE PERIOD INTERVAL '1' SECOND;`,
  'hopping changes': `SELECT trader_id, window_start, window_end, COUNT(*) AS n, COUNT(DISTINCT symbol) AS syms
    FROM trades GROUP BY trader_id WINDOW HOPPING (ts, INTERVAL '3' SECOND, INTERVAL '1' SECOND) EMIT CHANGES;`,
  'session changes': `SELECT symbol, side, window_start, window_end, COUNT(*) AS n, SUM(price) AS s
    FROM trades GROUP BY symbol, side WINDOW SESSION (ts, INTERVAL '40' MILLISECOND) EMIT CHANGES;`,
  'group changes': `SELECT trader_id, symbol, COUNT(*) AS n, SUM(price * quantity) AS notional, STDDEV(price) AS sd
    FROM trades GROUP BY trader_id, symbol;`,
  'rows over': `SELECT symbol, ts, price,
      AVG(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS a,
      MIN(price) OVER (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS mn,
      LAG(price) OVER (PARTITION BY symbol ORDER BY ts) AS prev
    FROM trades;`,
  'filter project': `SELECT trader_id, price * quantity AS notional FROM trades WHERE side = 'BUY' AND price > 50;`,
};

function outputOf(plan: PhysicalPlan, opts: RunOptions): GoldenOutput & { checksum: string } {
  const res = runInProcess(plan, createGeneratorSource(plan.sources[0]!), opts);
  return {
    late: res.stats.late,
    invalid: res.stats.invalid,
    rows: res.batches.flatMap((b) => batchToRowsWithOp(b, res.schema)),
    checksum: checksumBatches(res.batches, true),
  };
}

describe('same answer for every batch size and partition count', () => {
  for (const f of goldens) {
    it(f, () => {
      const sql = readFileSync(join(dir, f), 'utf8');
      const input = readFileSync(join(dir, `${goldenInputName(sql)}.input.jsonl`), 'utf8');
      const plan = compileGolden(sql);
      const reference = runGolden(plan, input, { variant: 'direct' });
      for (const [name, opts] of shapes)
        expect(compareGolden(plan, runGolden(plan, input, opts), reference), name).toBeNull();
    });
  }
  for (const [name, query] of Object.entries(generated)) {
    it(`generated trades: ${name}`, () => {
      const plan = compileGolden(`${TRADES}\n${query}`);
      const reference = outputOf(plan, { variant: 'direct' });
      expect(reference.rows.length).toBeGreaterThan(100);
      // The stream is meant to exercise lateness (and NULL values) in every variant.
      if (name === 'tumbling grace' || name === 'rows over') expect(reference.late).toBeGreaterThan(0);
      for (const [shape, opts] of shapes) {
        const out = outputOf(plan, opts);
        expect(out.checksum, shape).toBe(reference.checksum);
        expect(compareGolden(plan, out, reference), shape).toBeNull();
      }
    });
  }
});

describe('an event sink never changes the answer', () => {
  // Tumbling without grace has fast paths that an event sink turns off while it listens.
  const queries = {
    final: `SELECT symbol, window_start, COUNT(*) AS n, SUM(quantity) AS q, AVG(price) AS p
      FROM trades GROUP BY symbol WINDOW TUMBLING (ts, INTERVAL '2' SECOND);`,
    changes: `SELECT trader_id, symbol, window_start, COUNT(*) AS n, MAX(price) AS mx
      FROM trades GROUP BY trader_id, symbol WINDOW TUMBLING (ts, INTERVAL '1' SECOND) EMIT CHANGES;`,
  };
  for (const [name, query] of Object.entries(queries)) {
    it(`tumbling ${name}`, () => {
      const plan = compileGolden(`${TRADES}\n${query}`);
      const reference = outputOf(plan, { variant: 'batched', batchSize: 1024 });
      for (const listening of [true, false]) {
        const fired: string[] = [];
        const events = {
          listening,
          windowFired: (e: { start: number; key: readonly unknown[] }) =>
            fired.push(`${e.key.join()}@${e.start}`),
        };
        const out = outputOf(plan, { variant: 'batched', batchSize: 1024, engine: { events } });
        expect(out.checksum, `listening ${listening}`).toBe(reference.checksum);
        expect(compareGolden(plan, out, reference), `listening ${listening}`).toBeNull();
        // Fired events come on every path: EMIT FINAL emits one row per fired window.
        if (name === 'final') expect(fired.length, `listening ${listening}`).toBe(reference.rows.length);
      }
    });
  }
});
