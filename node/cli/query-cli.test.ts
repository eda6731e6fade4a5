// The CLI as tests outside the project use it: bundled exactly like
// scripts/build-node.mjs does (only this entry and the worker-thread entry its
// variants run in, so other entry points being edited cannot break it), then spawned.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../engine/core/types';
import { bundleNodeEntries, ENGINE_WORKER_ENTRY } from '../worker/build-engine-worker';
import {
  compareMultiset,
  compareSequencePerGroup,
  type ResultRow,
} from '../../engine/runtime/compare-results';

const root = join(__dirname, '../..');
// Fixtures go to a temp dir; the bundle stays under build/ so its imports resolve from node_modules.
const work = mkdtempSync(join(tmpdir(), 'wt-cli-'));
mkdirSync(join(root, 'build'), { recursive: true });
const out = mkdtempSync(join(root, 'build', 'test-cli-'));
const cli = join(out, 'query.mjs');

beforeAll(async () => {
  // The CLI's variants run in worker threads: the worker entry goes beside query.mjs, where the CLI looks for it.
  await bundleNodeEntries({ query: join(root, 'node/cli/query.main.ts'), ...ENGINE_WORKER_ENTRY }, out);
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
}

const lines = (s: string): ResultRow[] =>
  s
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ResultRow);

describe('query CLI on the conformance cases', () => {
  const dir = join(root, 'engine/testdata/conformance');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    for (const variant of ['direct', 'per-record', 'batched', 'partitioned']) {
      it(`${f} (${variant})`, () => {
        const c = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
          script: string;
          input: Record<string, Row[]>;
          expected: ResultRow[];
          compare: string;
          group_by?: string[];
        };
        const sql = file(`${f}.sql`, c.script);
        const inputs = Object.entries(c.input).flatMap(([name, rows]) => [
          '--input',
          `${name}=${file(`${f}.${name}.jsonl`, rows.map((r) => JSON.stringify(r)).join('\n') + '\n')}`,
        ]);
        const seq = c.compare === 'sequence-per-group';
        const r = run([
          '--sql',
          sql,
          ...inputs,
          '--variant',
          variant,
          '--batch-size',
          '3',
          '--partitions',
          '2',
          ...(seq ? ['--changelog'] : []),
          '--stats',
        ]);
        expect(r.code, r.err).toBe(0);
        const got = lines(r.out);
        const diff = seq
          ? compareSequencePerGroup(got, c.expected, c.group_by ?? [])
          : compareMultiset(got, c.expected);
        expect(diff).toBeNull();
        const stats = JSON.parse(r.err.trim().split('\n').pop()!) as Record<string, number>;
        expect(Object.keys(stats)).toEqual(['rows_in', 'rows_out', 'late_dropped', 'invalid', 'elapsed_ms']);
        expect(stats['rows_out']).toBe(got.length);
        expect(stats['late_dropped']).toBeGreaterThan(0);
      });
    }
  }
});

describe('query CLI contract', () => {
  it('prints line:column errors and exits 1 without a stack trace', () => {
    const r = run(['--sql', file('bad.sql', 'SELECT prise\nFROM trades;')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^1:8: .*prise/m);
    expect(r.err).not.toMatch(/\bat .*\.(m?js|ts):\d+/);
  });
  it('--explain prints the plan', () => {
    const r = run([
      '--sql',
      file('ex.sql', 'SELECT symbol, COUNT(*) FROM trades GROUP BY symbol;'),
      '--explain',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Source trades/);
  });
  it('runs a bounded generator, and refuses an unbounded one', () => {
    const ok = run([
      '--sql',
      file(
        'gen.sql',
        'CREATE STREAM orders (order_id BIGINT, ts TIMESTAMP) WITH (total = 50, rows_per_second = 0);\nSELECT order_id FROM orders WHERE order_id >= 0;',
      ),
    ]);
    expect(ok.code, ok.err).toBe(0);
    expect(lines(ok.out).length).toBe(50);
    const no = run(['--sql', file('unb.sql', 'SELECT * FROM orders;')]);
    expect(no.code).toBe(1);
    expect(no.err).toMatch(/unbounded/);
  });
  it('reports bad CSV rows with their line and goes on', () => {
    const csv = file(
      'people.csv',
      'name,age,ts\nann,31,1000\nbob,notanumber,2000\n\ncid,40,2024-01-01T00:00:00Z\n',
    );
    const sql =
      'CREATE STREAM people (name VARCHAR, age BIGINT, ts TIMESTAMP);\nSELECT name, age + 1 AS next FROM people WHERE age > 0;';
    const r = run(['--sql', file('p.sql', sql), '--input', `people=${csv}`, '--stats']);
    expect(r.code, r.err).toBe(0);
    expect(lines(r.out)).toEqual([
      { name: 'ann', next: 32 },
      { name: 'cid', next: 41 },
    ]);
    expect(r.err).toMatch(/people\.csv:3: .*age/);
    expect(JSON.parse(r.err.trim().split('\n').pop()!)).toMatchObject({
      rows_in: 2,
      rows_out: 2,
      invalid: 1,
    });
  });
  it("reads the user's own `orders` file, and without it offers both remedies", () => {
    // `orders` is also a built-in generator with other columns: the file and its DDL decide.
    const jl = file(
      'orders.jsonl',
      '{"order_id": 1, "customer": "ann", "amount": 9.5, "ts": 1000}\n' +
        '{"order_id": 2, "customer": "bob", "amount": 3, "ts": 2000}\n' +
        '{"order_id": 3, "customer": "ann", "amount": 1, "ts": 3000}\n',
    );
    const sql = file(
      'own-orders.sql',
      "CREATE STREAM orders (order_id BIGINT, customer VARCHAR, amount DOUBLE, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);\n" +
        'SELECT customer, COUNT(*) AS n FROM orders GROUP BY customer;',
    );
    for (const variant of ['direct', 'partitioned']) {
      const r = run(['--sql', sql, '--input', `orders=${jl}`, '--variant', variant]);
      expect(r.code, r.err).toBe(0);
      // Without --changelog each update prints as the row it makes (partitions interleave them).
      expect(r.out.split('\n').filter(Boolean).sort()).toEqual([
        '{"customer":"ann","n":1}',
        '{"customer":"ann","n":2}',
        '{"customer":"bob","n":1}',
      ]);
    }
    const explain = run(['--sql', sql, '--explain']);
    expect(explain.code, explain.err).toBe(0);
    expect(explain.out).toMatch(/generator: none, the built-in `orders` has other columns/);
    const bare = run(['--sql', sql]);
    expect(bare.code).toBe(1);
    expect(bare.err).toMatch(/stream 'orders' has no file/);
    expect(bare.err).toMatch(/it makes no `customer`, `amount`/);
    expect(bare.err).toMatch(/pass --input orders=PATH, or name a generator .*generator = '…'/);
    expect(bare.err).not.toMatch(/\n\s+at /);
  });
  it("--stats gives a join's peak state per input, bounded by its interval, not by the input", () => {
    const stream = (name: string, seed: number): string =>
      `CREATE STREAM ${name} (order_id BIGINT, customer_id BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (generator = 'orders', total = 20000, keys = 500, event_step = 10, seed = ${seed});\n`;
    const sql = file(
      'join-stats.sql',
      stream('l', 1) +
        stream('r', 2) +
        "SELECT l.order_id, r.order_id AS o2 FROM l JOIN r ON l.customer_id = r.customer_id AND l.ts BETWEEN r.ts - INTERVAL '5' SECOND AND r.ts + INTERVAL '5' SECOND;",
    );
    for (const v of [['direct'], ['partitioned', '--partitions', '2']]) {
      const r = run(['--sql', sql, '--stats', '--variant', ...v]);
      expect(r.code, r.err).toBe(0);
      const stats = JSON.parse(r.err.trim().split('\n').pop()!) as {
        join_state_peak: Record<string, number>;
      };
      // 5 s of rows at 10 ms each, plus the 1 s watermark delay: about 600 per side, far below 20,000.
      for (const side of ['l', 'r']) {
        expect(stats.join_state_peak[side]).toBeGreaterThan(400);
        expect(stats.join_state_peak[side]).toBeLessThan(1500);
      }
    }
  });
  it('infers a schema from a file when the script declares no stream', () => {
    const jl = file('ev.ndjson', '{"ts": 5, "who": "x", "n": 1.5}\n{"ts": 6, "who": "y", "n": 2}\n');
    const r = run(['--sql', file('i.sql', '\nSELECT who, n * 2 AS n2 FROM ev;'), '--input', `ev=${jl}`]);
    expect(r.code, r.err).toBe(0);
    expect(lines(r.out)).toEqual([
      { who: 'x', n2: 3 },
      { who: 'y', n2: 4 },
    ]);
    const bad = run(['--sql', file('i2.sql', '\nSELECT nope FROM ev;'), '--input', `ev=${jl}`]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^2:8: /m);
  });
  it('runs every variant in worker threads to the same rows', () => {
    const sql = file(
      'agg.sql',
      'CREATE STREAM trades (trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, ts TIMESTAMP) WITH (total = 20000, event_step = 40);\n' +
        "SELECT trader_id, symbol, window_start, COUNT(*) AS n, SUM(quantity) AS q FROM trades GROUP BY trader_id, symbol WINDOW TUMBLING (ts, INTERVAL '1' MINUTE);",
    );
    const sorted = (r: { out: string }): string[] => r.out.split('\n').filter(Boolean).sort();
    const base = run(['--sql', sql, '--stats']);
    expect(base.code, base.err).toBe(0);
    expect(sorted(base).length).toBeGreaterThan(100);
    for (const v of [
      ['batched', '--batch-size', '1000'],
      ['partitioned', '--partitions', '2'],
      ['partitioned', '--partitions', '3', '--batch-size', '777'],
    ]) {
      const r = run(['--sql', sql, '--variant', ...v, '--stats']);
      expect(r.code, r.err).toBe(0);
      expect(sorted(r)).toEqual(sorted(base));
    }
  });
  it('joins a file with itself (one stream read twice, in arrival order) in every variant', () => {
    const csv = file(
      't.csv',
      'k,ts\n1,1970-01-01 00:00:01\n1,1970-01-01 00:00:01.500\n2,1970-01-01 00:00:02\n',
    );
    const sql = file(
      'self.sql',
      'CREATE TABLE t (k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);\n' +
        "SELECT a.k, a.ts, b.ts AS bts FROM t a JOIN t b ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '1' SECOND;",
    );
    for (const v of [['direct'], ['batched', '--batch-size', '1'], ['partitioned', '--partitions', '2']]) {
      const r = run(['--sql', sql, '--input', `t=${csv}`, '--variant', ...v]);
      expect(r.code, r.err).toBe(0);
      expect(
        lines(r.out)
          .map((x) => `${x['k']} ${x['ts']} ${x['bts']}`)
          .sort(),
      ).toEqual(['1 1000 1000', '1 1000 1500', '1 1500 1500', '2 2000 2000']);
    }
  });
  it("prints a Top-N's changelog in Flink's order, the same per key in worker threads", () => {
    const sql = file(
      'topn.sql',
      'CREATE STREAM bids (item VARCHAR, price DOUBLE, ts TIMESTAMP);\n' +
        'SELECT item, price, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY item ORDER BY price DESC) AS rn FROM bids) WHERE rn <= 2;',
    );
    const rows = [1, 3, 5, 2, 4, 0].map((price, i) => ({ item: i === 2 ? 'b' : 'a', price, ts: i }));
    const jl = file('bids.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const show = (r: { out: string }): string[] =>
      lines(r.out).map(
        (x) => `${String(x['op'])} ${String(x['item'])} ${String(x['price'])} #${String(x['rn'])}`,
      );
    const direct = run(['--sql', sql, '--input', `bids=${jl}`, '--changelog']);
    expect(direct.code, direct.err).toBe(0);
    expect(show(direct)).toEqual([
      '+I a 1 #1',
      '-D a 1 #1',
      '+I a 3 #1',
      '+I a 1 #2',
      '+I b 5 #1',
      '-D a 1 #2',
      '+I a 2 #2',
      '-D a 3 #1',
      '+I a 4 #1',
      '-D a 2 #2',
      '+I a 3 #2',
    ]);
    const part = run([
      '--sql',
      sql,
      '--input',
      `bids=${jl}`,
      '--changelog',
      '--variant',
      'partitioned',
      '--partitions',
      '2',
    ]);
    expect(part.code, part.err).toBe(0);
    expect(compareSequencePerGroup(lines(part.out), lines(direct.out), ['item'])).toBeNull();
  });
  it('rejects unknown flags with usage', () => {
    const r = run(['--sql', 'x.sql', '--nope']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown argument/);
  });
});
