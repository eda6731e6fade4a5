/**
 * Joins in SQL (dialect §8, issue #15): the planner finds which of Flink's
 * streaming joins a condition asks for, EXPLAIN says which and why, and what
 * cannot work is reported where it is written.
 */
import { describe, expect, it } from 'vitest';
import { compileScript } from './compile';
import { explainPlan } from './explain';
import type { JoinOp, PhysicalPlan } from './physical-plan';

const DDL = `CREATE TABLE orders_f (order_id BIGINT, customer STRING, amount DOUBLE, order_time TIMESTAMP(3),
  other_time TIMESTAMP(3), WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND);
CREATE TABLE shipments (ship_id BIGINT, order_id BIGINT, ship_time TIMESTAMP(3),
  WATERMARK FOR ship_time AS ship_time - INTERVAL '1' SECOND);
CREATE TABLE rates (currency STRING, rate DOUBLE, update_time TIMESTAMP(3),
  WATERMARK FOR update_time AS update_time, PRIMARY KEY (currency) NOT ENFORCED);
CREATE TABLE unversioned (currency STRING, rate DOUBLE, update_time TIMESTAMP(3), WATERMARK FOR update_time AS update_time);
CREATE TABLE pay (currency STRING, amount DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
`;

function plan(query: string): PhysicalPlan {
  const r = compileScript(DDL + query);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.plan!;
}

function join(p: PhysicalPlan): JoinOp {
  const n = p.nodes.find((x) => x.op.kind === 'join');
  expect(n).toBeDefined();
  return n!.op as JoinOp;
}

/** The first error, and the text it points at. */
function error(query: string): { message: string; text: string } {
  const sql = DDL + query;
  const r = compileScript(sql);
  const d = r.diagnostics.find((x) => x.severity === 'error');
  expect(d).toBeDefined();
  const lines = sql.split('\n');
  const at = lines.slice(0, d!.line - 1).reduce((n, l) => n + l.length + 1, 0) + d!.column - 1;
  return { message: d!.message, text: sql.slice(at, at + d!.length) };
}

describe('join classification', () => {
  it('interval join from ON … BETWEEN, with its bounds and the state they keep', () => {
    const p = plan(`SELECT o.order_id, s.ship_id FROM orders_f o JOIN shipments s
      ON o.order_id = s.order_id AND s.ship_time BETWEEN o.order_time AND o.order_time + INTERVAL '4' HOUR;`);
    const j = join(p);
    expect(j.type).toBe('inner');
    // d = o.order_time − s.ship_time ∈ [−4 h, 0]; orders_f is read as (order_id, order_time)
    expect(p.sources.map((s) => s.columns.map((f) => f.name))).toEqual([
      ['order_id', 'order_time'],
      ['ship_id', 'order_id', 'ship_time'],
    ]);
    expect(j.strategy).toEqual({
      kind: 'interval',
      leftTime: 1,
      rightTime: 2,
      lower: -4 * 3_600_000,
      upper: 0,
    });
    expect(j.condition).toBeNull();
    const text = explainPlan(p).text;
    expect(text).toContain('IntervalJoin (INNER)');
    expect(text).toContain('state kept 4h behind the watermark');
    expect(text).toContain('keys: order_id = order_id');
    expect(p.partitioning).toEqual({ kind: 'hash', columns: [[0], [1]] });
  });

  it('interval join from Flink docs’ comma form (the condition in WHERE), strict bounds moved by 1 ms', () => {
    const j = join(
      plan(`SELECT * FROM orders_f o, shipments s WHERE o.order_id = s.order_id
        AND o.order_time > s.ship_time - INTERVAL '4' HOUR AND o.order_time < s.ship_time;`),
    );
    expect(j.strategy).toMatchObject({ kind: 'interval', lower: -4 * 3_600_000 + 1, upper: -1 });
  });

  it('a three-way comma join: each join takes the part of WHERE about its own relations', () => {
    const p = plan(`SELECT o.order_id, s.ship_id, p.amount FROM orders_f o, shipments s, pay p
      WHERE o.order_id = s.order_id AND s.ship_time BETWEEN o.order_time AND o.order_time + INTERVAL '1' HOUR
        AND p.currency = o.customer AND p.ts BETWEEN o.order_time - INTERVAL '1' MINUTE AND o.order_time
        AND p.amount > 10;`);
    const joins = p.nodes.flatMap((n) => (n.op.kind === 'join' ? [n.op] : []));
    expect(joins.map((j) => j.strategy.kind)).toEqual(['interval', 'interval']);
    expect(joins[0]!.leftKeys.map((k) => (k.kind === 'column' ? k.name : '?'))).toEqual(['order_id']);
    expect(joins[1]!.leftKeys.map((k) => (k.kind === 'column' ? k.name : '?'))).toEqual(['customer']);
    // The filter on p alone, written in the same WHERE, still applies (as the outer join's condition).
    expect(joins[1]!.condition).not.toBeNull();
  });

  it.each([
    ['JOIN', ['order_id', 'customer', 'amount', 'order_time', 'other_time', 'ship_id', 'ship_time']],
    ['LEFT JOIN', ['order_id', 'customer', 'amount', 'order_time', 'other_time', 'ship_id', 'ship_time']],
    ['FULL JOIN', ['order_id', 'customer', 'amount', 'order_time', 'other_time', 'ship_id', 'ship_time']],
  ])(
    'USING in a %s: each USING column once, first (SQL and Flink), the sides’ own still reachable by name',
    (type, names) => {
      const p = plan(`SELECT * FROM orders_f o ${type} shipments s USING (order_id);`);
      expect(p.output.map((f) => f.name)).toEqual(names);
      const own = plan(
        `SELECT order_id, o.order_id AS o_id, s.order_id AS s_id FROM orders_f o ${type} shipments s USING (order_id);`,
      );
      expect(own.output.map((f) => f.name)).toEqual(['order_id', 'o_id', 's_id']);
    },
  );

  it('USING in a FULL JOIN: the merged column is COALESCE of both sides', () => {
    const text = explainPlan(
      plan('SELECT order_id FROM orders_f o FULL JOIN shipments s USING (order_id);'),
    ).text;
    expect(text).toMatch(/COALESCE\(o\.order_id, s\.order_id\)|COALESCE\(order_id, order_id\)/);
  });

  it('a one-sided time bound is a regular join with a residual condition (as in Flink)', () => {
    const p = plan(`SELECT * FROM orders_f o LEFT JOIN shipments s
      ON o.order_id = s.order_id AND s.ship_time > o.order_time;`);
    const j = join(p);
    expect(j.strategy).toEqual({ kind: 'regular' });
    expect(j.condition).not.toBeNull();
    expect(p.emit).toBe('changes');
    expect(explainPlan(p).text).toMatch(/RegularJoin \(LEFT\)[^]*retracted \(-D\)/);
  });

  it('window join from two windowed subqueries with equal window_start and window_end', () => {
    const p = plan(`SELECT L.order_id, R.ship_id, L.window_start FROM
      (SELECT * FROM TABLE(TUMBLE(TABLE orders_f, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))) L
      FULL JOIN (SELECT * FROM TABLE(TUMBLE(TABLE shipments, DESCRIPTOR(ship_time), INTERVAL '1' MINUTE))) R
      ON L.order_id = R.order_id AND L.window_start = R.window_start AND L.window_end = R.window_end;`);
    const j = join(p);
    expect(j.type).toBe('full');
    expect(j.strategy.kind).toBe('window');
    expect(j.leftKeys).toHaveLength(1);
    expect(explainPlan(p).text).toContain('WindowJoin (FULL)');
    expect(p.emit).toBe('append');
  });

  it('temporal join FOR SYSTEM_TIME AS OF a versioned stream, keyed by its primary key', () => {
    const p = plan(`SELECT p.amount * r.rate AS converted FROM pay p
      JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.currency = r.currency;`);
    const j = join(p);
    expect(j.strategy).toEqual({ kind: 'temporal', leftTime: 2, rightTime: 2 });
    expect(explainPlan(p).text).toContain('TemporalJoin (INNER)');
  });

  it('a regular join of two keys; USING names the same column on both sides', () => {
    const j = join(plan('SELECT o.amount, s.ship_id FROM orders_f o JOIN shipments s USING (order_id);'));
    expect(j.strategy).toEqual({ kind: 'regular' });
    expect(j.leftKeys).toEqual([{ kind: 'column', index: 0, name: 'order_id', type: 'BIGINT' }]);
    expect(j.rightKeys).toEqual([{ kind: 'column', index: 1, name: 'order_id', type: 'BIGINT' }]);
  });

  it('a window aggregate over an interval join (a WITH step) uses the join’s time attribute', () => {
    const p = plan(`WITH j AS (
        SELECT o.order_id, o.order_time FROM orders_f o JOIN shipments s ON o.order_id = s.order_id
          AND s.ship_time BETWEEN o.order_time AND o.order_time + INTERVAL '1' MINUTE)
      SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE j, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))
      GROUP BY window_start, window_end;`);
    expect(p.nodes.map((n) => n.op.kind)).toEqual(['join', 'project', 'windowAggregate', 'project']);
  });
});

describe('join errors point at the cause', () => {
  it('no equality key', () => {
    const e = error('SELECT * FROM orders_f o JOIN shipments s ON o.order_time < s.ship_time;');
    expect(e.message).toMatch(/no equality key/);
    expect(e.text).toBe('o.order_time < s.ship_time');
  });

  it('a comma join without a condition', () => {
    expect(error('SELECT * FROM orders_f o, shipments s;').message).toMatch(/needs an equality key/);
  });

  it('bounds on a TIMESTAMP that is not the time attribute', () => {
    const e = error(`SELECT * FROM orders_f o JOIN shipments s ON o.order_id = s.order_id
      AND s.ship_time BETWEEN o.other_time AND o.other_time + INTERVAL '1' HOUR;`);
    expect(e.message).toMatch(/must compare the time attributes `o.order_time` and `s.ship_time`/);
    expect(e.text).toBe("s.ship_time BETWEEN o.other_time AND o.other_time + INTERVAL '1' HOUR");
  });

  it('window join with different windows', () => {
    const e = error(`SELECT * FROM
      (SELECT * FROM TABLE(TUMBLE(TABLE orders_f, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))) L
      JOIN (SELECT * FROM TABLE(HOP(TABLE shipments, DESCRIPTOR(ship_time), INTERVAL '1' MINUTE, INTERVAL '2' MINUTE))) R
      ON L.order_id = R.order_id AND L.window_start = R.window_start AND L.window_end = R.window_end;`);
    expect(e.message).toMatch(/same window on both sides: the left is TUMBLE\(60 s\), the right HOP/);
    expect(e.text).toBe('JOIN');
  });

  it('ambiguous columns list both candidates', () => {
    const e = error('SELECT order_id FROM orders_f o JOIN shipments s ON o.order_id = s.order_id;');
    expect(e.message).toBe(
      'column `order_id` is ambiguous: it could be `o.order_id` or `s.order_id`; qualify it',
    );
    expect(e.text).toBe('order_id');
  });

  it('unknown aliases and columns of an alias', () => {
    expect(
      error('SELECT x.amount FROM orders_f o JOIN shipments s ON o.order_id = s.order_id;').message,
    ).toMatch(/unknown table `x`/);
    expect(
      error('SELECT s.amount FROM orders_f o JOIN shipments s ON o.order_id = s.order_id;').message,
    ).toMatch(/unknown column `s.amount`/);
  });

  it('a temporal join needs a versioned stream and the left time attribute', () => {
    expect(
      error(
        'SELECT * FROM pay p JOIN unversioned FOR SYSTEM_TIME AS OF p.ts AS u ON p.currency = u.currency;',
      ).message,
    ).toMatch(/not versioned: declare PRIMARY KEY/);
    const e = error(
      'SELECT * FROM pay p JOIN rates FOR SYSTEM_TIME AS OF p.amount AS r ON p.currency = r.currency;',
    );
    expect(e.message).toMatch(/must name the left side's event-time attribute `ts`/);
    expect(e.text).toBe('p.amount');
  });

  it('the same name on both sides', () => {
    expect(error('SELECT * FROM pay JOIN pay ON pay.currency = pay.currency;').message).toMatch(
      /names both sides of the join/,
    );
  });
});
