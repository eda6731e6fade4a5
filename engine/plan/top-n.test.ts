import { describe, expect, it } from 'vitest';
import { exportFlinkSql } from '../language/flink-export';
import { compileScript } from './compile';
import { explainPlan } from './explain';
import type { PhysicalPlan, TopNOp, WindowTopNOp } from './physical-plan';

const BID = `CREATE STREAM bid (bidtime TIMESTAMP, price DOUBLE, item VARCHAR, supplier_id VARCHAR, WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND);\n`;
const TOP = (over: string, bound = 'rn <= 2', cols = '*'): string =>
  `SELECT ${cols} FROM (SELECT *, ROW_NUMBER() OVER (${over}) AS rn FROM bid) WHERE ${bound}`;

function plan(sql: string): PhysicalPlan {
  const r = compileScript(BID + sql);
  expect(r.diagnostics).toEqual([]);
  return r.plan!;
}

function opOf<K extends 'topN' | 'windowTopN'>(p: PhysicalPlan, kind: K): TopNOp | WindowTopNOp {
  const o = p.nodes.map((n) => n.op).find((x) => x.kind === kind);
  if (!o) throw new Error(`no ${kind} in ${p.nodes.map((n) => n.op.kind).join(',')}`);
  return o as TopNOp | WindowTopNOp;
}

function problem(sql: string): { message: string; at: string } {
  const text = BID + sql;
  const r = compileScript(text);
  expect(r.diagnostics.length, JSON.stringify(r.diagnostics)).toBeGreaterThan(0);
  const d = r.diagnostics[0]!;
  return {
    message: d.message,
    at: text.split('\n')[d.line - 1]!.slice(d.column - 1, d.column - 1 + d.length),
  };
}

describe('regular Top-N and deduplication: the plan', () => {
  it('a ROW_NUMBER() over a stream ranks per PARTITION BY key, updating, hashed by the key', () => {
    const p = plan(TOP('PARTITION BY supplier_id ORDER BY price DESC, bidtime', 'rn < 3 AND price > 1'));
    expect(opOf(p, 'topN')).toMatchObject({
      limit: 2,
      latestFirst: false,
      orderBy: [
        { column: 1, desc: true },
        { column: 0, desc: false },
      ],
    });
    expect(p.emit).toBe('changes');
    expect(p.partitioning.kind).toBe('hash');
    expect(p.outputKey.map((k) => p.output[k]!.name)).toEqual(['supplier_id', 'rn']);
    // The rest of the WHERE stays a filter above the ranking.
    expect(p.nodes.map((n) => n.op.kind)).toEqual(['topN', 'project', 'filter', 'project']);
  });

  it('without PARTITION BY it runs on one partition, and EXPLAIN says why', () => {
    const p = plan(TOP('ORDER BY price'));
    expect(p.partitioning).toEqual({
      kind: 'single',
      reason: 'a Top-N without PARTITION BY ranks all rows together',
    });
    const text = explainPlan(p).text;
    expect(text).toContain('TopN');
    expect(text).toContain('top 2 of all rows (one partition) by price');
    expect(text).toContain('single partition: a Top-N without PARTITION BY ranks all rows together');
  });

  it('rn = 1 ordered by the time column DESC keeps the last row (later of equal times); ASC the first (append-only)', () => {
    const last = plan(TOP('PARTITION BY item ORDER BY bidtime DESC', 'rn = 1', 'item, price'));
    expect(opOf(last, 'topN')).toMatchObject({ limit: 1, latestFirst: true });
    expect(explainPlan(last).text).toContain('Deduplicate (keep last row)');
    // rn not selected: the key alone names the row kept (the latest-value view's key).
    expect(last.outputKey.map((k) => last.output[k]!.name)).toEqual(['item']);
    // N > 1 by time DESC is a Top-N: ties stay by arrival.
    expect(opOf(plan(TOP('PARTITION BY item ORDER BY bidtime DESC')), 'topN').latestFirst).toBe(false);
    const first = plan(TOP('PARTITION BY item ORDER BY bidtime', 'rn = 1', 'item, price'));
    expect(first.emit).toBe('append');
    expect(first.nodes.map((n) => n.op.kind)).toEqual(['deduplicate', 'project', 'filter', 'project']);
    expect(explainPlan(first).text).toContain('Deduplicate (keep first row)');
    expect(first.outputKey.map((k) => first.output[k]!.name)).toEqual(['item']);
    // Without rn = 1 (or rn <= 1, rn < 2) the row number stays a row window.
    expect(plan(TOP('PARTITION BY item ORDER BY bidtime', 'rn <= 2')).nodes.map((n) => n.op.kind)).toContain(
      'overWindow',
    );
    expect(plan(TOP('PARTITION BY item ORDER BY bidtime', 'rn < 2')).nodes[0]!.op.kind).toBe('deduplicate');
  });

  it('window deduplication: ordered by the time column within the window, one row per window', () => {
    const tvf = `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, item ORDER BY bidtime DESC) AS rn FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))) WHERE rn <= 1`;
    const p = plan(tvf);
    expect(opOf(p, 'windowTopN')).toMatchObject({ limit: 1, latestFirst: true, lateRows: true });
    expect(p.emit).toBe('append');
    const asc = plan(tvf.replace('bidtime DESC', 'bidtime'));
    expect(opOf(asc, 'windowTopN')).toMatchObject({ limit: 1, latestFirst: false });
  });

  it('exports to Flink SQL as written', () => {
    const out = exportFlinkSql(BID + TOP('PARTITION BY item ORDER BY bidtime DESC', 'rn = 1'));
    expect(out).toContain('ROW_NUMBER() OVER (PARTITION BY `item` ORDER BY `bidtime` DESC) AS `rn`');
    expect(out).toMatch(/WHERE `rn` = 1/);
  });
});

describe('regular Top-N: what is not supported says so where it is', () => {
  it('aggregating a Top-N (an updating changelog)', () => {
    const p = problem(
      `SELECT item, COUNT(*) FROM (${TOP('PARTITION BY item ORDER BY price DESC')}) GROUP BY item`,
    );
    expect(p.message).toContain('updating changelog (an outer regular join or a Top-N)');
  });

  it('a Top-N read with no bound, or ordered by an expression', () => {
    expect(problem(TOP('PARTITION BY item ORDER BY price', 'price > 1')).message).toMatch(
      /unbounded: a Top-N is kept by/,
    );
    const e = problem(TOP('PARTITION BY item ORDER BY price * 2'));
    expect(e.message).toContain('a Top-N orders by columns');
    expect(e.at).toBe('price * 2');
  });
});
