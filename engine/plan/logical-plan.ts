/**
 * The logical plan: the analyzed query as plain data, before physical
 * choices (which columns to read, operator order, partitioning). A tree of
 * relations — streams, SELECT blocks over an input, window TVFs, joins and
 * unions; a relation read twice (a WITH step) is the same object twice.
 * Expressions are already bound and typed; inside a block their column
 * indices live in one of two spaces:
 *
 * - the *row space*: the input's schema [0, W), then the outputs of the OVER
 *   groups in order (W, W+1, …), or a window Top-N's row number (W) — used by `where`, `overs`, the aggregate's
 *   keys and arguments, and `project` when there is no aggregate;
 * - the *aggregate space*: [...groupKeys, (window_start, window_end,) ...aggregates]
 *   — used by `having` and `project` when there is an aggregate.
 */
import type { Field } from '../core/types';
import type {
  AggCall,
  EmitMode,
  Expr,
  JoinStrategy,
  JoinType,
  OverFunction,
  TopNOp,
  WindowSpec,
  WindowTopNOp,
} from './physical-plan';

export interface LogicalSource {
  readonly kind: 'source';
  readonly stream: string;
  readonly schema: readonly Field[];
  /** Index into `schema` of the event-time column, or null. */
  readonly timeColumn: number | null;
  readonly watermarkDelay: number;
  readonly generator: string | null;
  readonly generatorMismatch?: string;
  readonly options: Readonly<Record<string, number | string>>;
  /** Index into `schema` of the generator's key column, or null. */
  readonly keyColumn: number | null;
}

export interface LogicalOverGroup {
  readonly kind: 'over';
  readonly partitionBy: readonly Expr[];
  readonly functions: readonly OverFunction[];
}

export interface LogicalAggregate {
  readonly kind: 'aggregate';
  /** null: a non-windowed GROUP BY or a global aggregate. */
  readonly window: WindowSpec | null;
  readonly grace: number;
  readonly groupKeys: readonly Expr[];
  readonly keyNames: readonly string[];
  readonly aggregates: readonly AggCall[];
  readonly aggNames: readonly string[];
  readonly emit: EmitMode;
}

/**
 * `ROW_NUMBER() OVER (PARTITION BY window_start, window_end … ORDER BY …)` over a windowed input,
 * kept to the first `limit` rows by the query around it (`WHERE rownum <= N`). Row space: its
 * rownum is column W. `limit` is null until that outer filter is found.
 */
export interface LogicalWindowTopN extends Omit<WindowTopNOp, 'limit' | 'schema' | 'latestFirst'> {
  readonly limit: number | null;
  /** Ordered by the event-time column alone: with `rownum = 1` a deduplication (see TopNOp's latestFirst). */
  readonly byTime: boolean;
}

/** The same over a relation that is not windowed (a regular Top-N, updating); its rownum is column W too. */
export interface LogicalTopN extends Omit<TopNOp, 'limit' | 'schema' | 'latestFirst'> {
  readonly limit: number | null;
  readonly byTime: boolean;
}

/** One SELECT block over its input (FROM), in the order a SELECT evaluates. */
export interface LogicalBlock {
  readonly kind: 'block';
  readonly input: LogicalRel;
  /** The input's event-time attribute (row space), and its watermark delay (OVER's per-key watermark). */
  readonly time: number | null;
  readonly delay: number;
  readonly where: Expr | null;
  readonly overs: readonly LogicalOverGroup[];
  readonly topN: LogicalWindowTopN | LogicalTopN | null;
  readonly aggregate: LogicalAggregate | null;
  readonly having: Expr | null;
  readonly project: {
    readonly kind: 'project';
    readonly exprs: readonly Expr[];
    readonly names: readonly string[];
  };
  readonly distinct: boolean;
  readonly limit: number | null;
}

/** A window TVF read as rows (not aggregated): its input's columns, then window_start, window_end. */
export interface LogicalWindowTvf {
  readonly kind: 'windowTvf';
  readonly input: LogicalRel;
  readonly window: WindowSpec;
  readonly timeColumn: number;
}

export interface LogicalJoin {
  readonly kind: 'join';
  readonly left: LogicalRel;
  readonly right: LogicalRel;
  readonly type: JoinType;
  /** Time columns index into the left / right schemas. */
  readonly strategy: JoinStrategy;
  readonly leftKeys: readonly Expr[];
  readonly rightKeys: readonly Expr[];
  /** Over [...left, ...right]; null = none. */
  readonly condition: Expr | null;
  /** See JoinOp.nullAware. */
  readonly nullAware?: boolean;
}

export interface LogicalUnion {
  readonly kind: 'union';
  readonly inputs: readonly LogicalRel[];
}

export type LogicalRel = LogicalSource | LogicalBlock | LogicalWindowTvf | LogicalJoin | LogicalUnion;

export interface LogicalPlan {
  readonly kind: 'logical';
  readonly explain: boolean;
  readonly root: LogicalRel;
}
