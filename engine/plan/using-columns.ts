/**
 * `JOIN … USING (k, …)` as SQL and Flink read it: each USING column once, first
 * — the left's value for INNER and LEFT joins, the right's for RIGHT, COALESCE
 * of both for FULL — then the other columns of each side, in order. Where a
 * side's own `k` can differ from the merged one (the padded side of an outer
 * join), it stays reachable as `side.k`, but `*` and a bare `k` do not see it.
 */
import type { Field } from '../core/types';
import type { AnalyzedRel } from './analyzer-from';
import { relationInfo } from './analyzer-from';
import { commonType } from './analyzer-types';
import type { Expr, JoinType } from './physical-plan';

/** A USING column: its index in the left side and in the joined row (the right's). */
export interface UsingPair {
  readonly left: number;
  readonly right: number;
}

export function mergeUsing(join: AnalyzedRel, pairs: readonly UsingPair[], type: JoinType): AnalyzedRel {
  const schema = join.stream.schema;
  const col = (i: number): Expr => ({
    kind: 'column',
    index: i,
    name: schema[i]!.name,
    type: schema[i]!.type,
  });
  const merged = new Set(pairs.flatMap((p) => [p.left, p.right]));
  const exprs: Expr[] = [];
  const fields: Field[] = [];
  const qualifiers: (readonly string[])[] = [];
  const hidden = new Set<number>();
  /** Old index → new, for the columns that keep their own place (time, window). */
  const moved = new Map<number, number>();
  const add = (e: Expr, f: Field, q: readonly string[], hide = false): void => {
    if (hide) hidden.add(exprs.length);
    exprs.push(e);
    fields.push(f);
    qualifiers.push(q);
  };
  for (const p of pairs) {
    const [l, r] = [schema[p.left]!, schema[p.right]!];
    const [ql, qr] = [join.qualifiers[p.left] ?? [], join.qualifiers[p.right] ?? []];
    if (type === 'full') {
      const t = commonType([l.type, r.type]) ?? l.type;
      add(
        { kind: 'call', fn: 'COALESCE', args: [col(p.left), col(p.right)], type: t },
        { name: l.name, type: t, nullable: l.nullable && r.nullable },
        [],
      );
    } else {
      const side = type === 'right' ? p.right : p.left;
      // INNER: both sides' k are the merged value; LEFT / RIGHT: the side it is taken from.
      add(col(side), schema[side]!, type === 'inner' ? [...ql, ...qr] : type === 'right' ? qr : ql);
      moved.set(side, exprs.length - 1);
      if (type === 'inner') moved.set(p.right, exprs.length - 1);
    }
  }
  schema.forEach((f, i) => {
    if (merged.has(i)) return;
    moved.set(i, exprs.length);
    add(col(i), f, join.qualifiers[i] ?? []);
  });
  // The padded sides' own keys, for `side.k`.
  for (const p of pairs)
    for (const i of [p.left, p.right])
      if (!moved.has(i)) add(col(i), schema[i]!, join.qualifiers[i] ?? [], true);
  const at = (i: number | null): number | null => (i === null ? null : (moved.get(i) ?? null));
  const time = at(join.time);
  const w = join.window;
  const start = at(w?.start ?? null);
  const end = at(w?.end ?? null);
  return {
    ...join,
    rel: {
      kind: 'block',
      input: join.rel,
      time: join.time,
      delay: join.stream.watermarkDelay,
      where: null,
      overs: [],
      topN: null,
      aggregate: null,
      having: null,
      project: { kind: 'project', exprs, names: fields.map((f) => f.name) },
      distinct: false,
      limit: null,
    },
    stream: relationInfo(join.stream.name, fields, time, join.stream.watermarkDelay),
    qualifiers,
    hidden,
    time,
    window: w && start !== null && end !== null ? { ...w, start, end } : null,
  };
}
