// The editor over multi-stream SQL: completion after `alias.` (streams, WITH steps, subqueries),
// hovers on qualified columns, and a hover on JOIN that says which join the planner found.
import { describe, expect, it } from 'vitest';
import { completionsAt } from './completions';
import { hoverAt } from './hover';

const INTERVAL =
  "SELECT o.order_id, p. FROM orders o JOIN payments AS p ON o.order_id = p.order_id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND";
const labelsAt = (sql: string, after: string): string[] =>
  completionsAt(sql, sql.indexOf(after) + after.length).map((c) => c.label);

describe('completion knows the relation before the dot', () => {
  it('a stream alias in a join', () => {
    expect(labelsAt(INTERVAL, 'p.')).toEqual(expect.arrayContaining(['payment_id', 'method', 'amount']));
    expect(labelsAt(INTERVAL, 'p.')).not.toContain('total_amount');
    expect(labelsAt(INTERVAL, 'o.')).toContain('total_amount');
  });
  it('a WITH step and a subquery, with their output names', () => {
    const cte =
      'WITH big AS (SELECT order_id AS oid, total_amount * 2 AS twice, ts FROM orders) SELECT big. FROM big';
    expect(labelsAt(cte, 'big.').slice(0, 3)).toEqual(['oid', 'twice', 'ts']);
    const sub = 'SELECT t. FROM (SELECT order_id AS oid, ts FROM orders) AS t';
    expect(labelsAt(sub, 't.').slice(0, 2)).toEqual(['oid', 'ts']);
  });
});

describe('hovers in a join', () => {
  it('a qualified column is the column of that side', () => {
    const sql = INTERVAL.replace('p. FROM', 'p.ts FROM');
    expect(hoverAt(sql, sql.indexOf('p.ts') + 3)?.contents).toMatch(/column of stream payments/);
    expect(hoverAt(sql, sql.indexOf('o.ts') + 3)?.contents).toMatch(/column of stream orders/);
  });
  it('JOIN says which join was found and the state it keeps', () => {
    const sql = INTERVAL.replace('p. FROM', 'p.ts FROM');
    const h = hoverAt(sql, sql.indexOf('JOIN') + 1)!;
    expect(h.contents).toMatch(/^\*\*IntervalJoin \(INNER\)\*\*/);
    expect(h.contents).toMatch(/state kept 10s behind the watermark/);
    expect(sql.slice(h.span.start, h.span.end)).toBe('JOIN');
    const t =
      'SELECT p.payment_id FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.currency = r.currency';
    expect(hoverAt(t, t.indexOf('JOIN') + 1)?.contents).toMatch(/^\*\*TemporalJoin \(INNER\)\*\*/);
  });
  it('the second JOIN of a chain is the outer one', () => {
    const sql =
      "SELECT o.order_id FROM orders o JOIN payments p ON o.order_id = p.order_id AND p.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND LEFT JOIN clicks c ON o.customer_id = c.user_id";
    const first = hoverAt(sql, sql.indexOf('JOIN') + 1)?.contents ?? '';
    const second = hoverAt(sql, sql.lastIndexOf('JOIN') + 1)?.contents ?? '';
    expect(first).not.toEqual(second);
    expect(second).toMatch(/LEFT|not planned yet/);
  });
  it('a join that cannot be planned says why', () => {
    const sql = 'SELECT * FROM orders o JOIN payments p ON o.ts < p.ts';
    expect(hoverAt(sql, sql.indexOf('JOIN') + 1)?.contents).toMatch(
      /not planned yet: this join has no equality key/,
    );
  });
});

describe('IN / EXISTS subqueries in the editor', () => {
  const w = (t: string, a: string): string =>
    `(SELECT * FROM TABLE(TUMBLE(TABLE ${t}, DESCRIPTOR(ts), INTERVAL '1' SECOND))) ${a}`;
  const sql = `SELECT * FROM ${w('clicks', 'c')} WHERE c.user_id IN (SELECT o.customer_id FROM ${w('orders', 'o')} WHERE c.window_start = o.window_start AND c.window_end = o.window_end) AND NOT EXISTS (SELECT * FROM ${w('payments', 'p')} WHERE p.customer_id = c.user_id AND c.window_start = p.window_start AND c.window_end = p.window_end)`;
  it('IN and EXISTS say which join each one is', () => {
    const inHover = hoverAt(sql, sql.indexOf(' IN (') + 2)!;
    expect(inHover.contents).toMatch(/^\*\*WindowJoin \(SEMI\)\*\*/);
    expect(sql.slice(inHover.span.start, inHover.span.end)).toBe('IN');
    expect(hoverAt(sql, sql.indexOf('EXISTS') + 1)!.contents).toMatch(/^\*\*WindowJoin \(ANTI\)\*\*/);
  });
  it("completion after a subquery's alias knows its columns", () => {
    const typed = sql.replace('o.customer_id FROM', 'o. FROM');
    expect(labelsAt(typed, 'SELECT o.')).toEqual(expect.arrayContaining(['customer_id', 'window_start']));
  });
});
