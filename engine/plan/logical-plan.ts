/**
 * The logical plan: the analyzed query as plain data, before physical
 * choices (which columns to read, operator order, partitioning). Expressions
 * are already bound and typed; their column indices live in one of two spaces:
 *
 * - the *row space*: the stream's full schema [0, W), then the outputs of the
 *   OVER groups in order (W, W+1, …) — used by `where`, `overs`, the aggregate's
 *   keys and arguments, and `project` when there is no aggregate;
 * - the *aggregate space*: [...groupKeys, (window_start, window_end,) ...aggregates]
 *   — used by `having` and `project` when there is an aggregate.
 */
import type { Field } from '../core/types';
import type { AggCall, EmitMode, Expr, OverFunction, WindowSpec } from './physical-plan';

export interface LogicalSource {
  readonly kind: 'source';
  readonly stream: string;
  readonly schema: readonly Field[];
  /** Index into `schema` of the event-time column, or null. */
  readonly timeColumn: number | null;
  readonly watermarkDelay: number;
  readonly generator: string | null;
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

export interface LogicalPlan {
  readonly kind: 'logical';
  readonly explain: boolean;
  readonly source: LogicalSource;
  readonly where: Expr | null;
  readonly overs: readonly LogicalOverGroup[];
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
