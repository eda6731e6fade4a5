import { describe, expect, it } from 'vitest';
import { exportFlinkSql } from '../language/flink-export';
import { compileScript } from './compile';
import { explainPlan } from './explain';
import type { PhysicalPlan, WindowTopNOp } from './physical-plan';

const BID = `CREATE STREAM bid (bidtime TIMESTAMP, price DOUBLE, item VARCHAR, supplier_id VARCHAR, WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND);\n`;
const AGG = `SELECT window_start, window_end, supplier_id, SUM(price) AS price, COUNT(*) AS cnt
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
  GROUP BY window_start, window_end, supplier_id`;
const TVF = `TABLE(TUMBLE(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))`;

function plan(sql: string): PhysicalPlan {
  const r = compileScript(BID + sql);
  expect(r.diagnostics).toEqual([]);
  return r.plan!;
}

function topN(p: PhysicalPlan): WindowTopNOp {
  const o = p.nodes.map((n) => n.op).find((x) => x.kind === 'windowTopN');
  if (!o) throw new Error(`no windowTopN in ${p.nodes.map((n) => n.op.kind).join(',')}`);
  return o as WindowTopNOp;
}

/** The one problem of a script, with the text it points at. */
function problem(sql: string): { message: string; at: string } {
  const text = BID + sql;
  const r = compileScript(text);
  expect(r.diagnostics.length, JSON.stringify(r.diagnostics)).toBeGreaterThan(0);
  const d = r.diagnostics[0]!;
  const lines = text.split('\n');
  return { message: d.message, at: lines[d.line - 1]!.slice(d.column - 1, d.column - 1 + d.length) };
}

describe('window Top-N: the pattern', () => {
  it('plans a WindowTopN over a window aggregate, bounded by rownum <= 3', () => {
    const p = plan(
      `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum FROM (${AGG})) WHERE rownum <= 3`,
    );
    const t = topN(p);
    expect(t).toMatchObject({ limit: 3, windowStart: 0, windowEnd: 1, partitionBy: [], lateRows: false });
    expect(t.orderBy).toEqual([{ column: 3, desc: true }]);
    expect(p.output.map((f) => f.name)).toEqual([
      'window_start',
      'window_end',
      'supplier_id',
      'price',
      'cnt',
      'rownum',
    ]);
    expect(p.partitioning).toEqual({
      kind: 'single',
      reason:
        'a window Top-N partitioned by window_start, window_end only ranks all rows of a window together',
    });
    expect(p.emit).toBe('append');
  });

  it('reads a window TVF directly, through a WITH step, with rownum < N and other conditions kept', () => {
    const p = plan(
      `WITH ranked AS (SELECT item, price, window_start, window_end, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, supplier_id ORDER BY price, item DESC) AS rn FROM ${TVF})
       SELECT item, rn FROM ranked WHERE price > 1 AND rn < 3`,
    );
    const t = topN(p);
    expect(t.limit).toBe(2);
    expect(t.lateRows).toBe(true);
    expect(t.orderBy.map((o) => o.desc)).toEqual([false, true]);
    expect(t.partitionBy.map((e) => e.kind === 'column' && e.name)).toEqual(['supplier_id']);
    // The other condition stays a filter after the ranking.
    expect(p.nodes.some((n) => n.op.kind === 'filter')).toBe(true);
    // Hashed by the key beside the window: each supplier's rows rank in one partition.
    expect(p.partitioning.kind).toBe('hash');
  });

  it('takes rownum = 1 and the bound written the other way round', () => {
    const q = (w: string): string =>
      `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price) AS r FROM ${TVF}) WHERE ${w}`;
    expect(topN(plan(q('r = 1'))).limit).toBe(1);
    expect(topN(plan(q('5 >= r'))).limit).toBe(5);
    expect(topN(plan(q('r <= 4 AND r < 3'))).limit).toBe(2);
  });

  it('over a window join, whose rows come out as their window completes, no row is late', () => {
    const ask = `CREATE STREAM ask (bidtime TIMESTAMP, price DOUBLE, supplier_id VARCHAR, WATERMARK FOR bidtime AS bidtime);
`;
    const t = topN(
      plan(
        `${ask}SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bp DESC) AS r
         FROM (SELECT b.window_start, b.window_end, b.price AS bp, a.price AS ap
               FROM ${TVF} AS b JOIN TABLE(TUMBLE(TABLE ask, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) AS a
               ON b.window_start = a.window_start AND b.window_end = a.window_end AND b.supplier_id = a.supplier_id))
         WHERE r <= 2`,
      ),
    );
    expect(t).toMatchObject({ limit: 2, lateRows: false, windowStart: 0, windowEnd: 1 });
  });

  it('EXPLAIN shows a WindowTopN node with what it ranks by', () => {
    const p = plan(
      `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum FROM (${AGG})) WHERE rownum <= 3`,
    );
    const text = explainPlan(p).text;
    expect(text).toContain('WindowTopN');
    expect(text).toContain('top 3 per window (window_start, window_end) by price DESC');
  });

  it('exports back to Flink SQL with the subquery and its ROW_NUMBER as written', () => {
    const out = exportFlinkSql(
      `${BID}SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum FROM (${AGG})) WHERE rownum <= 3`,
    );
    expect(out).toContain(
      'ROW_NUMBER() OVER (PARTITION BY `window_start`, `window_end` ORDER BY `price` DESC) AS `rownum`',
    );
    expect(out).toMatch(/WHERE `rownum` <= 3/);
    expect(out).toContain('TUMBLE(TABLE `bid`, DESCRIPTOR(`bidtime`), INTERVAL');
  });
});

describe('window Top-N: what is not supported says so where it is', () => {
  const over = (fn: string, order = 'price DESC'): string =>
    `SELECT * FROM (SELECT *, ${fn} OVER (PARTITION BY window_start, window_end ORDER BY ${order}) AS r FROM ${TVF}) WHERE r <= 3`;

  it('RANK and DENSE_RANK, by name', () => {
    for (const fn of ['RANK()', 'DENSE_RANK()']) {
      const p = problem(over(fn));
      expect(p.message).toContain(
        `Top-N with ${fn.slice(0, -2)}, which is not supported (nor in Flink's streaming mode)`,
      );
      expect(p.at.startsWith(fn)).toBe(true);
    }
  });

  it('a PARTITION BY without the window', () => {
    const p = problem(
      `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY price) AS r FROM ${TVF}) WHERE r <= 3`,
    );
    expect(p.message).toContain('PARTITION BY window_start, window_end');
  });

  it('no rownum filter, or an odd one', () => {
    const none = problem(
      `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price) AS r FROM ${TVF}) WHERE price > 2`,
    );
    expect(none.message).toMatch(/unbounded: a Top-N is kept by `rownum <= N`/);
    expect(none.at).toBe('ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price)');
    const odd = problem(over('ROW_NUMBER()').replace('r <= 3', 'r > 1'));
    expect(odd.message).toContain('not `r > 1`');
    expect(odd.at).toBe('r > 1');
    const zero = problem(over('ROW_NUMBER()').replace('r <= 3', 'r < 1'));
    expect(zero.message).toContain('N must be at least 1');
    const top = problem(
      `SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price) AS r FROM ${TVF}`,
    );
    expect(top.message).toMatch(/unbounded/);
  });

  it('an ORDER BY expression', () => {
    const p = problem(over('ROW_NUMBER()', 'price * 2'));
    expect(p.message).toContain('orders by columns');
    expect(p.at).toBe('price * 2');
  });
});
