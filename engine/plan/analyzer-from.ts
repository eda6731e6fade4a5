/**
 * FROM: the relation a SELECT reads — a stream or WITH step by name, a window
 * TVF read as rows, a subquery, or a join of two of them — with the names its
 * columns answer to, its event-time attribute and the window columns it carries.
 */
import type { Field } from '../core/types';
import type { FromClause, Ident, SelectStmt, SqlExpr } from '../sql/ast';
import { didYouMean } from '../sql/edit-distance';
import { analyzeJoin } from './analyzer-join';
import { windowFromTvf } from './analyzer-window';
import type { LogicalRel, LogicalSource } from './logical-plan';
import type { WindowSpec } from './physical-plan';
import type { Problem } from './problems';
import type { PendingTopN } from './analyzer-top-n';
import { QueryContext, streamScope } from './query-context';
import type { Catalog, StreamInfo } from './stream-catalog';

export interface QueryEnv {
  readonly sql: string;
  readonly catalog: Catalog;
  readonly problems: Problem[];
  /** WITH steps in scope, by name (they hide streams of the same name, as in SQL). */
  readonly steps: ReadonlyMap<string, AnalyzedRel>;
  /** Analyzes a nested query (a subquery or a step); passed in to keep the modules acyclic. */
  readonly analyzeQuery: (env: QueryEnv, q: SelectStmt) => AnalyzedRel | null;
}

/** A relation as the query around it sees it. */
export interface AnalyzedRel {
  readonly rel: LogicalRel;
  /** Its name, columns and watermark delay, described like a stream (for messages, windows, OVER). */
  readonly stream: StreamInfo;
  /** Per column: the names that may qualify it. */
  readonly qualifiers: readonly (readonly string[])[];
  /** The event-time attribute (Flink's rowtime), if it still has one. */
  readonly time: number | null;
  /** The window_start / window_end columns of a window TVF or window aggregate it carries. */
  readonly window: {
    readonly spec: WindowSpec;
    readonly start: number;
    readonly end: number;
    /** Its rows come out as their window completes (a window aggregate or window join), not as they arrive. */
    readonly final?: boolean;
  } | null;
  /** A window Top-N it ranks, still waiting for `WHERE rownum <= N` in the query reading it. */
  readonly topN?: PendingTopN;
  /** The column of a lone ROW_NUMBER() by time (a row window): under `WHERE rn = 1` a first-row deduplication. */
  readonly rowNumber?: number;
  /** Its rows are a changelog with retractions (an outer regular join, a non-windowed aggregate). */
  readonly updating: boolean;
  /** Columns only a qualified name reaches (a padded side's own USING key): not `*`, not a bare name. */
  readonly hidden?: ReadonlySet<number>;
}

/** What a window TVF adds to its rows (Flink): the window's bounds and its time attribute, end − 1 ms. */
export const TVF_COLUMNS: readonly Field[] = [
  { name: 'window_start', type: 'TIMESTAMP', nullable: false },
  { name: 'window_end', type: 'TIMESTAMP', nullable: false },
  { name: 'window_time', type: 'TIMESTAMP', nullable: false },
];

/** A derived relation described as a stream (no generator, no options). */
export function relationInfo(
  name: string,
  schema: readonly Field[],
  time: number | null,
  delay: number,
): StreamInfo {
  return {
    name,
    schema,
    timeColumn: time === null ? null : schema[time]!.name,
    watermarkDelay: delay,
    generator: null,
    options: {},
    connector: null,
    keyColumn: null,
    primaryKey: null,
    decl: null,
    doc: 'A relation computed by the query.',
  };
}

const requalify = (r: AnalyzedRel, q: readonly string[]): AnalyzedRel => ({
  ...r,
  qualifiers: r.stream.schema.map(() => q),
  hidden: new Set(),
});

/** A stream or WITH step by name, under its alias. */
export function analyzeNamed(env: QueryEnv, name: Ident, alias: Ident | null): AnalyzedRel | null {
  const q = [alias?.name ?? name.name];
  const step = env.steps.get(name.name);
  if (step) return requalify(step, q);
  const s = env.catalog.streams.get(name.name);
  if (!s) {
    env.problems.push({
      message: `unknown stream \`${name.name}\`${didYouMean(name.name, [...env.steps.keys(), ...env.catalog.streams.keys()])}`,
      span: name.span,
    });
    return null;
  }
  const scope = streamScope(s, alias?.name ?? null);
  return {
    rel: sourceOf(s, scope.time),
    stream: s,
    qualifiers: scope.qualifiers,
    time: scope.time,
    window: null,
    updating: false,
  };
}

export function sourceOf(s: StreamInfo, time: number | null): LogicalSource {
  return {
    kind: 'source',
    stream: s.name,
    schema: s.schema,
    timeColumn: time,
    watermarkDelay: s.watermarkDelay,
    generator: s.generator,
    ...(s.generatorMismatch !== undefined ? { generatorMismatch: s.generatorMismatch } : {}),
    options: s.options,
    keyColumn: s.keyColumn === null ? null : s.schema.findIndex((f) => f.name === s.keyColumn),
  };
}

/**
 * Any FROM item. `where` is the WHERE of `FROM a, b WHERE …`, which holds that
 * join's condition.
 */
export function analyzeFrom(
  env: QueryEnv,
  from: FromClause,
  where: SqlExpr | null = null,
): AnalyzedRel | null {
  switch (from.kind) {
    case 'stream':
      if (from.asOf) {
        env.problems.push({
          message: 'FOR SYSTEM_TIME AS OF belongs on the right side of a JOIN (a temporal join)',
          span: from.asOf.span,
        });
        return null;
      }
      return analyzeNamed(env, from.name, from.alias);
    case 'tvf':
      return tvfRows(env, from);
    case 'subquery': {
      const r = env.analyzeQuery(env, from.query);
      if (!r) return null;
      const name = from.alias?.name ?? 'the subquery';
      return requalify({ ...r, stream: { ...r.stream, name } }, from.alias ? [from.alias.name] : []);
    }
    case 'join':
      return analyzeJoin(env, from, where);
  }
}

/** A window TVF read as rows inside a join: its table's columns, then window_start, window_end, window_time. */
function tvfRows(env: QueryEnv, from: Extract<FromClause, { kind: 'tvf' }>): AnalyzedRel | null {
  const base = analyzeNamed(env, from.table, from.alias);
  if (!base) return null;
  const schema = [...base.stream.schema, ...TVF_COLUMNS];
  const q = base.qualifiers[0] ?? [];
  const qualifiers = [...base.qualifiers, ...TVF_COLUMNS.map(() => q)];
  const ctx = new QueryContext(
    env.sql,
    { stream: { ...base.stream, schema }, qualifiers, time: base.time },
    false,
    env.problems,
  );
  const win = windowFromTvf(ctx, from);
  if (!win) return null;
  if (win.spec.kind === 'session') {
    env.problems.push({
      message: 'a SESSION window TVF cannot be joined as rows: sessions are known only when they close',
      span: from.fnSpan,
    });
    return null;
  }
  const n = base.stream.schema.length;
  const input =
    base.rel.kind === 'source' && base.rel.timeColumn === null
      ? { ...base.rel, timeColumn: win.timeColumn }
      : base.rel;
  return {
    rel: { kind: 'windowTvf', input, window: win.spec, timeColumn: win.timeColumn },
    stream: relationInfo(base.stream.name, schema, base.time ?? win.timeColumn, base.stream.watermarkDelay),
    qualifiers,
    time: base.time ?? win.timeColumn,
    window: { spec: win.spec, start: n, end: n + 1 },
    updating: false,
  };
}
