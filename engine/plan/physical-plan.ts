/**
 * The physical plan: what a query compiles to, and the only thing that crosses
 * a worker boundary. Plain JSON-serialisable data (no functions, no classes, no
 * Infinity/NaN): each worker compiles its own kernels from it.
 *
 * A plan is a graph of operators over one or more source streams: `nodes` in
 * topological order (every input of a node is a source or an earlier node), the
 * last node's output being the query's. A single-stream query is a chain. Each
 * operator's column references are by index into its input's schema (for a
 * node with several inputs, see that operator's comment).
 */
import type { DataType, Field, Schema } from '../core/types';

// ---------------------------------------------------------------------------
// Bound expressions (resolved and typed by the analyzer)

export type BinaryOp =
  '+' | '-' | '*' | '/' | '%' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR' | '||';

/** Scalar functions of dialect §3.2, upper-case. */
export type ScalarFn =
  | 'COALESCE'
  | 'ABS'
  | 'ROUND'
  | 'FLOOR'
  | 'CEIL'
  | 'SQRT'
  | 'POWER'
  | 'LN'
  | 'EXP'
  | 'UPPER'
  | 'LOWER'
  | 'LENGTH'
  | 'SUBSTRING'
  | 'TRIM'
  | 'CONCAT';

export type Expr =
  | { readonly kind: 'column'; readonly index: number; readonly name: string; readonly type: DataType }
  | { readonly kind: 'literal'; readonly value: number | string | boolean | null; readonly type: DataType }
  | { readonly kind: 'unary'; readonly op: '-' | 'NOT'; readonly arg: Expr; readonly type: DataType }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly type: DataType;
    }
  | { readonly kind: 'isNull'; readonly arg: Expr; readonly negated: boolean; readonly type: 'BOOLEAN' }
  | {
      readonly kind: 'between';
      readonly arg: Expr;
      readonly low: Expr;
      readonly high: Expr;
      readonly negated: boolean;
      readonly type: 'BOOLEAN';
    }
  | {
      readonly kind: 'in';
      readonly arg: Expr;
      readonly list: readonly Expr[];
      readonly negated: boolean;
      readonly type: 'BOOLEAN';
    }
  | {
      readonly kind: 'like';
      readonly arg: Expr;
      readonly pattern: Expr;
      readonly negated: boolean;
      readonly type: 'BOOLEAN';
    }
  | {
      readonly kind: 'case';
      /** `CASE operand WHEN v THEN …` form; null for `CASE WHEN cond THEN …`. */
      readonly operand: Expr | null;
      readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
      readonly otherwise: Expr | null;
      readonly type: DataType;
    }
  | { readonly kind: 'cast'; readonly arg: Expr; readonly type: DataType }
  | { readonly kind: 'call'; readonly fn: ScalarFn; readonly args: readonly Expr[]; readonly type: DataType };

// ---------------------------------------------------------------------------
// Aggregates

export type AggFn =
  | 'COUNT_STAR'
  | 'COUNT'
  | 'SUM'
  | 'AVG'
  | 'MIN'
  | 'MAX'
  | 'STDDEV_SAMP'
  | 'STDDEV_POP'
  | 'VAR_SAMP'
  | 'VAR_POP'
  | 'FIRST_VALUE'
  | 'LAST_VALUE';

export interface AggCall {
  readonly fn: AggFn;
  /** null only for COUNT_STAR. */
  readonly arg: Expr | null;
  readonly distinct: boolean;
  /** Result type. */
  readonly type: DataType;
}

// ---------------------------------------------------------------------------
// Windows

export type WindowSpec =
  | { readonly kind: 'tumbling'; readonly size: number }
  | { readonly kind: 'hopping'; readonly size: number; readonly advance: number }
  /** Flink's CUMULATE: windows [s, s + k·step) for k = 1 … size/step, s aligned on size; they share a start and differ by end. */
  | { readonly kind: 'cumulate'; readonly size: number; readonly step: number }
  | { readonly kind: 'session'; readonly gap: number };

export type EmitMode = 'final' | 'changes';

// ---------------------------------------------------------------------------
// Operators. Output schemas are spelled out in each comment.

/** Keeps rows where `predicate` is TRUE (not NULL). Output = input schema. */
export interface FilterOp {
  readonly kind: 'filter';
  readonly predicate: Expr;
}

/** Output = one column per expression, named by `schema`. */
export interface ProjectOp {
  readonly kind: 'project';
  readonly exprs: readonly Expr[];
  readonly schema: Schema;
}

/**
 * Windowed GROUP BY. Output = [...group keys, window_start, window_end, ...aggregates]
 * (window_start/window_end are TIMESTAMP). Rows whose time column is NULL are invalid (side output).
 */
export interface WindowAggregateOp {
  readonly kind: 'windowAggregate';
  readonly window: WindowSpec;
  /** Index of the event-time column in the input schema. */
  readonly timeColumn: number;
  /** Allowed lateness in ms (0 without GRACE PERIOD). */
  readonly grace: number;
  readonly groupKeys: readonly Expr[];
  readonly aggregates: readonly AggCall[];
  readonly emit: EmitMode;
  readonly schema: Schema;
}

/**
 * Non-windowed GROUP BY (or a global aggregate when `groupKeys` is empty).
 * Output = [...group keys, ...aggregates]. `changes`: one row per input row;
 * `final`: each group once at the end of a bounded stream.
 */
export interface GroupAggregateOp {
  readonly kind: 'groupAggregate';
  readonly groupKeys: readonly Expr[];
  readonly aggregates: readonly AggCall[];
  readonly emit: EmitMode;
  readonly schema: Schema;
}

/** One function of a row window. */
export type OverFunction =
  | { readonly kind: 'aggregate'; readonly call: AggCall; readonly preceding: number }
  | {
      readonly kind: 'lag';
      readonly arg: Expr;
      readonly offset: number;
      readonly defaultValue: Expr | null;
      readonly type: DataType;
    }
  | { readonly kind: 'rowNumber'; readonly type: 'BIGINT' };

/**
 * Row windows (OVER). All functions of one operator share the same PARTITION BY
 * and ORDER BY (the planner stacks one operator per distinct partitioning).
 * Output = [...input columns, ...one column per function]. Per-key watermark,
 * late rows dropped and counted (dialect §4, "Row windows").
 */
export interface OverWindowOp {
  readonly kind: 'overWindow';
  readonly partitionBy: readonly Expr[];
  readonly timeColumn: number;
  /** The stream's watermark delay d, in ms. */
  readonly delay: number;
  readonly functions: readonly OverFunction[];
  readonly schema: Schema;
}

/**
 * A window TVF read as rows (`SELECT * FROM TABLE(TUMBLE(…))`): each row once for every window
 * it falls in (tumbling: one, hopping: size / advance), with the window appended.
 * Output = [...input columns, window_start, window_end, window_time]. Rows whose time is NULL are invalid.
 * Nothing is late here: what is late is decided where windows complete (a window join).
 */
export interface WindowAssignOp {
  readonly kind: 'windowAssign';
  readonly window: WindowSpec;
  readonly timeColumn: number;
  readonly schema: Schema;
}

/**
 * Window Top-N (Flink): per window and partition key, the first `limit` rows in `orderBy` order,
 * emitted once when the window completes (W ≥ end − 1), in rank order, then freed. Ties go by
 * arrival seq, then by the row's values, so every variant ranks alike.
 * Output = [...input columns, rownum BIGINT].
 */
export interface WindowTopNOp {
  readonly kind: 'windowTopN';
  /** Input columns holding window_start / window_end (always part of the key). */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** The PARTITION BY keys other than the window. */
  readonly partitionBy: readonly Expr[];
  /** Input column indices, each ascending or descending. */
  readonly orderBy: readonly { readonly column: number; readonly desc: boolean }[];
  readonly limit: number;
  /**
   * True when the input rows carry the watermark they arrived under (a window TVF's rows): a row
   * whose window has already completed is late. False after a window aggregate or window join,
   * whose rows come out as their window completes and are never late.
   */
  readonly lateRows: boolean;
  /** Ties go to the later arrival: a window deduplication keeping the last row (see TopNOp). */
  readonly latestFirst: boolean;
  readonly schema: Schema;
}

/**
 * Regular (non-window) Top-N (Flink's rank over an append-only input): per partition key the
 * first `limit` rows in `orderBy` order, kept as rows arrive. The output is a changelog: a row that
 * enters the top retracts (−D) each row whose row number it changes and re-inserts it (+I) at its
 * new number, and the row pushed past N goes with a −D only — the pairs Flink emits as −U/+U.
 * Ties go by arrival (the earlier ranks first), or, with `latestFirst`, the later: a deduplication
 * keeping the last row (`rn = 1` ordered by the time column DESC), which Flink's keep-last-row replaces on equal time.
 * Output = [...input columns, rownum BIGINT].
 */
export interface TopNOp {
  readonly kind: 'topN';
  readonly partitionBy: readonly Expr[];
  /** Input column indices, each ascending or descending. */
  readonly orderBy: readonly { readonly column: number; readonly desc: boolean }[];
  readonly limit: number;
  readonly latestFirst: boolean;
  readonly schema: Schema;
}

/**
 * Deduplication keeping the first row (`rn = 1` ordered by the time column ASC): per key, the
 * first row by (time, arrival) among those that come before its key's row goes out, emitted once
 * the watermark reaches its time; a later row that would have come first is late. Append-only.
 * Output = [...input columns, rownum BIGINT (always 1)].
 */
export interface DeduplicateOp {
  readonly kind: 'deduplicate';
  readonly partitionBy: readonly Expr[];
  readonly timeColumn: number;
  readonly schema: Schema;
}

/** SELECT DISTINCT: emits each distinct row once, when first seen. Output = input schema. */
export interface DistinctOp {
  readonly kind: 'distinct';
}

/** Passes the first `count` rows, then drops the rest (the run may end early). Output = input schema. */
export interface LimitOp {
  readonly kind: 'limit';
  readonly count: number;
}

/**
 * UNION ALL: every row of every input, in arrival order. Each input's schema has the output's
 * column types in the same positions (the planner casts where needed).
 */
export interface UnionOp {
  readonly kind: 'union';
  readonly schema: Schema;
}

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti';

/**
 * How a join keeps and frees state (dialect §8; `docs/joins.md` has the rules). Time columns are
 * indices into the left / right input schemas.
 */
export type JoinStrategy =
  /** Both sides kept (bounded by the state limit); the output is a changelog. */
  | { readonly kind: 'regular' }
  /**
   * `lower ≤ left.time − right.time ≤ upper` (ms, inclusive: strict bounds arrive moved by 1 ms).
   * A row leaves state once the watermark passes the last time a row of the other side could match it.
   */
  | {
      readonly kind: 'interval';
      readonly leftTime: number;
      readonly rightTime: number;
      readonly lower: number;
      readonly upper: number;
    }
  /** Both sides carry the same window (window_start/window_end columns); rows meet within a window, emitted when it completes. */
  | {
      readonly kind: 'window';
      readonly leftStart: number;
      readonly leftEnd: number;
      readonly rightStart: number;
      readonly rightEnd: number;
    }
  /**
   * `FOR SYSTEM_TIME AS OF left.time`: each left row meets the version of the right (versioned by
   * the equality keys = its primary key) valid at its time, once the watermark reaches that time.
   */
  | { readonly kind: 'temporal'; readonly leftTime: number; readonly rightTime: number };

/**
 * A join of two inputs on equality keys. Output: [...left columns, ...right columns] (SEMI and
 * ANTI: the left columns only); outer joins pad the missing side with NULLs.
 */
export interface JoinOp {
  readonly kind: 'join';
  readonly type: JoinType;
  readonly strategy: JoinStrategy;
  /** leftKeys[k] (over the left input) = rightKeys[k] (over the right); NULL never matches. */
  readonly leftKeys: readonly Expr[];
  readonly rightKeys: readonly Expr[];
  /** The rest of ON, over the joined row [...left, ...right]; null = none. */
  readonly condition: Expr | null;
  /**
   * ANTI from `NOT IN` over a key that may be NULL: SQL's three-valued IN, as Flink plans it.
   * A left row is kept only if no right row of its window has its key or a NULL key, and a
   * left row with a NULL key only if its window has no right rows at all.
   */
  readonly nullAware?: boolean;
  readonly schema: Schema;
}

/** The operators with several inputs. */
export type MultiInputOp = UnionOp | JoinOp;

export type PhysicalOperator =
  | FilterOp
  | ProjectOp
  | WindowAggregateOp
  | GroupAggregateOp
  | OverWindowOp
  | WindowTopNOp
  | TopNOp
  | DeduplicateOp
  | DistinctOp
  | LimitOp
  | WindowAssignOp
  | MultiInputOp;

// ---------------------------------------------------------------------------
// Source and partitioning

export interface SourceSpec {
  /** Stream name as declared (lower-case unless quoted). */
  readonly stream: string;
  /** The stream's full declared schema (DDL or built-in), in declaration order. */
  readonly streamSchema: Schema;
  /** The columns the pipeline reads, in this order: the first operator's input schema. Always includes the time column. */
  readonly columns: Schema;
  /** Index into `columns` of the event-time column (WATERMARK column, else `ts`); null if the stream has none. */
  readonly timeColumn: number | null;
  /** Watermark delay d in ms (dialect §4). */
  readonly watermarkDelay: number;
  /** The built-in generator that fills the stream when no file is given; null if none is known. */
  readonly generator: string | null;
  /** Why the same-named built-in generator cannot fill the stream (its columns differ); see StreamInfo. */
  readonly generatorMismatch?: string;
  /** The stream's WITH options, values normalised (intervals → ms, timestamps → epoch ms). */
  readonly options: Readonly<Record<string, number | string>>;
  /** Index into `columns` of the stream's key column (generators skew it), or null. */
  readonly keyColumn: number | null;
}

export type Partitioning =
  /**
   * Hash rows by these columns of each source: `columns[s]` are indices into
   * `sources[s].columns`. Sources hash the same number of columns, and matching
   * positions compare equal where the plan joins them, so rows that meet land
   * in the same partition.
   */
  | { readonly kind: 'hash'; readonly columns: readonly (readonly number[])[] }
  /** Stateless: any split of the rows gives the same answer. */
  | { readonly kind: 'any' }
  /** Must run on one partition; `reason` says why (shown to the user). */
  | { readonly kind: 'single'; readonly reason: string };

/** Where a node's input rows come from: a source stream, or an earlier node's output. */
export type PlanInput =
  { readonly kind: 'source'; readonly index: number } | { readonly kind: 'node'; readonly index: number };

export interface PlanNode {
  readonly op: PhysicalOperator;
  /** One input for every operator today; several for joins and unions. */
  readonly inputs: readonly PlanInput[];
  /** The node's output schema. */
  readonly schema: Schema;
  /** Index into `schema` of the event-time attribute the output carries (as Flink's rowtime), or null. */
  readonly time: number | null;
}

export interface PhysicalPlan {
  readonly kind: 'physical';
  /** The streams the query reads, in the order they are first named. */
  readonly sources: readonly SourceSpec[];
  /** Operators in topological order; the last one's output is the query's. */
  readonly nodes: readonly PlanNode[];
  /** Output schema of the last node (the sole source's columns when there is no node). */
  readonly output: Schema;
  readonly partitioning: Partitioning;
  /**
   * How results are emitted: `append` (every row is +I: projection, row windows,
   * EMIT FINAL without grace), or `changes` (rows carry +I/+U/-D).
   */
  readonly emit: 'append' | 'changes';
  /** The columns that identify a result row's group, for `sequence-per-group` checks and the latest-value view (indices into `output`). */
  readonly outputKey: readonly number[];
}

export type { Field };
