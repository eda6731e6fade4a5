/**
 * WHERE's IN / EXISTS subqueries as window SEMI / ANTI joins (issue #15), the
 * way Flink's docs write them: parsed, scoped as SQL scopes a correlated
 * subquery, planned, explained, printed back, and refused where they cannot run.
 */
import { describe, expect, it } from 'vitest';
import { parseScript } from '../sql/parser';
import { printStatement } from '../sql/printer';
import { compileScript } from './compile';
import { explainPlan } from './explain';
import type { JoinOp, PhysicalPlan } from './physical-plan';

const DDL = `CREATE TABLE l (row_time TIMESTAMP(3), num INT, id STRING, WATERMARK FOR row_time AS row_time);
CREATE TABLE r (row_time TIMESTAMP(3), num INT, id STRING, WATERMARK FOR row_time AS row_time);
`;
const W = (t: string, a: string): string =>
  `(SELECT * FROM TABLE(TUMBLE(TABLE ${t}, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) ${a}`;
const SAME_WINDOW = 'L.window_start = R.window_start AND L.window_end = R.window_end';

function compiled(query: string): PhysicalPlan {
  const r = compileScript(DDL + query);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.plan!;
}

function joinOf(p: PhysicalPlan): JoinOp {
  return p.nodes.find((n) => n.op.kind === 'join')!.op as JoinOp;
}

/** The first error, and the text it points at. */
function error(query: string): { message: string; text: string } {
  const sql = DDL + query;
  const d = compileScript(sql).diagnostics.find((x) => x.severity === 'error')!;
  expect(d).toBeDefined();
  const at =
    sql
      .split('\n')
      .slice(0, d.line - 1)
      .reduce((n, x) => n + x.length + 1, 0) +
    d.column -
    1;
  return { message: d.message, text: sql.slice(at, at + d.length) };
}

describe('IN / EXISTS subqueries are window SEMI / ANTI joins', () => {
  it.each([
    ['IN', `L.num IN (SELECT num FROM ${W('r', 'R')} WHERE ${SAME_WINDOW})`, 'semi'],
    ['EXISTS', `EXISTS (SELECT * FROM ${W('r', 'R')} WHERE L.num = R.num AND ${SAME_WINDOW})`, 'semi'],
    ['NOT IN', `L.num NOT IN (SELECT num FROM ${W('r', 'R')} WHERE ${SAME_WINDOW})`, 'anti'],
    [
      'NOT EXISTS',
      `NOT EXISTS (SELECT * FROM ${W('r', 'R')} WHERE L.num = R.num AND ${SAME_WINDOW})`,
      'anti',
    ],
  ])('%s', (_form, test, type) => {
    const p = compiled(`SELECT * FROM ${W('l', 'L')} WHERE L.id <> 'x' AND ${test};`);
    const j = joinOf(p);
    expect(j.type).toBe(type);
    expect(j.strategy.kind).toBe('window');
    expect(j.leftKeys.map((k) => (k.kind === 'column' ? k.name : '?'))).toEqual(['num']);
    // The left rows only, and the rest of WHERE still a filter after the join.
    expect(p.output.map((f) => f.name)).toEqual([
      'row_time',
      'num',
      'id',
      'window_start',
      'window_end',
      'window_time',
    ]);
    expect(p.nodes.some((n) => n.op.kind === 'filter')).toBe(true);
    expect(explainPlan(p).text).toContain(`WindowJoin (${type.toUpperCase()})`);
  });

  it("reads an unqualified name inside the subquery as the subquery's own column, outside as the query's", () => {
    const p = compiled(
      `SELECT * FROM ${W('l', 'L')} WHERE num IN (SELECT num FROM ${W('r', 'R')} WHERE ${SAME_WINDOW});`,
    );
    const j = joinOf(p);
    expect(j.leftKeys[0]).toMatchObject({ kind: 'column', index: 1 });
    expect(j.rightKeys[0]).toMatchObject({ kind: 'column', index: 1 });
  });

  it('keeps NOT IN three-valued over a key that may be NULL, on one partition, and says so', () => {
    const p = compiled(
      `SELECT * FROM ${W('l', 'L')} WHERE L.num NOT IN (SELECT num FROM ${W('r', 'R')} WHERE ${SAME_WINDOW});`,
    );
    expect(joinOf(p).nullAware).toBe(true);
    expect(p.partitioning.kind).toBe('single');
    expect(explainPlan(p).text).toMatch(/NOT IN is three-valued/);
    const exists = compiled(
      `SELECT * FROM ${W('l', 'L')} WHERE NOT EXISTS (SELECT * FROM ${W('r', 'R')} WHERE L.num = R.num AND ${SAME_WINDOW});`,
    );
    expect(joinOf(exists).nullAware).toBeUndefined();
    expect(exists.partitioning.kind).toBe('hash');
  });

  it('prints back as written, and the printed query parses to the same plan', () => {
    const q = `SELECT * FROM ${W('l', 'L')} WHERE NOT EXISTS (SELECT * FROM ${W('r', 'R')} WHERE L.num = R.num AND ${SAME_WINDOW}) AND L.num NOT IN (SELECT num FROM ${W('r', 'R2')} WHERE L.window_start = R2.window_start AND L.window_end = R2.window_end);`;
    const stmt = parseScript(DDL + q).script.statements.at(-1)!;
    const printed = printStatement(stmt);
    expect(printed).toMatch(/WHERE NOT EXISTS \(SELECT/);
    expect(printed).toMatch(/NOT IN \(SELECT num/);
    const again = compiled(printed + ';');
    expect(JSON.stringify(again.nodes)).toBe(JSON.stringify(compiled(q).nodes));
  });
});

describe('subqueries that cannot run say where and why', () => {
  it('a subquery that is not windowed like its query', () => {
    expect(error('SELECT * FROM l WHERE l.num IN (SELECT num FROM r);')).toEqual({
      message: expect.stringMatching(
        /IN \(SELECT …\) runs here as a window SEMI join: .* \(this one would be a regular join\)/,
      ),
      text: 'IN',
    });
  });

  it('a test under OR', () => {
    expect(error("SELECT * FROM l WHERE l.id = 'a' OR l.num IN (SELECT num FROM r);").message).toMatch(
      /stands alone in WHERE or is joined to the rest by AND/,
    );
  });

  it('GROUP BY, or more than one column, in an IN subquery', () => {
    expect(error('SELECT * FROM l WHERE l.num IN (SELECT num FROM r GROUP BY num);')).toEqual({
      message: expect.stringMatching(
        /takes `SELECT … FROM … \[WHERE …\]` only: GROUP BY is not supported there/,
      ),
      text: 'num',
    });
    expect(error('SELECT * FROM l WHERE l.num IN (SELECT num, id FROM r);')).toEqual({
      message: expect.stringMatching(/selects exactly one column/),
      text: 'id',
    });
  });

  it('NOT IN over a nullable key with a further condition', () => {
    expect(
      error(
        `SELECT * FROM ${W('l', 'L')} WHERE L.num NOT IN (SELECT num FROM ${W('r', 'R')} WHERE ${SAME_WINDOW} AND R.id <> 'x');`,
      ).message,
    ).toMatch(/write NOT EXISTS/);
  });
});
