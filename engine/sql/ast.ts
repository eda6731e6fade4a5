/**
 * The syntax tree. Plain data with a `kind`; every node carries the `Span` of
 * the text it came from (so diagnostics and hovers can point at it).
 */
import type { Span } from '../core/diagnostic';
import type { IntervalUnit } from './interval';

export interface Ident {
  /** Lower-cased unless quoted. */
  readonly name: string;
  readonly quoted: boolean;
  readonly span: Span;
}

export type BinaryOperator =
  '+' | '-' | '*' | '/' | '%' | '||' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';

export interface OverClause {
  readonly partitionBy: readonly SqlExpr[];
  readonly orderBy: readonly { readonly expr: SqlExpr; readonly desc: boolean }[];
  /** `ROWS BETWEEN n PRECEDING AND CURRENT ROW`; preceding null = UNBOUNDED; frame null = none written. */
  readonly frame: { readonly preceding: number | null; readonly syntax: 'between' | 'buffer' } | null;
  readonly span: Span;
}

export type SqlExpr =
  | { readonly kind: 'column'; readonly qualifier: Ident | null; readonly name: Ident; readonly span: Span }
  | { readonly kind: 'number'; readonly text: string; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'null'; readonly span: Span }
  | {
      readonly kind: 'interval';
      readonly amount: number;
      readonly unit: IntervalUnit;
      /** written as `5s` rather than `INTERVAL '5' SECOND` */
      readonly shorthand: boolean;
      readonly span: Span;
    }
  | { readonly kind: 'unary'; readonly op: '-' | 'NOT'; readonly arg: SqlExpr; readonly span: Span }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOperator;
      readonly left: SqlExpr;
      readonly right: SqlExpr;
      readonly span: Span;
    }
  | { readonly kind: 'isNull'; readonly arg: SqlExpr; readonly negated: boolean; readonly span: Span }
  | {
      readonly kind: 'between';
      readonly arg: SqlExpr;
      readonly low: SqlExpr;
      readonly high: SqlExpr;
      readonly negated: boolean;
      readonly span: Span;
    }
  | {
      /** `arg [NOT] IN (SELECT …)`, or with a null arg `[NOT] EXISTS (SELECT …)`: a SEMI / ANTI join (dialect §8, Flink). */
      readonly kind: 'subqueryTest';
      readonly arg: SqlExpr | null;
      readonly query: SelectStmt;
      readonly negated: boolean;
      /** `IN` or `EXISTS`, where errors about the test point. */
      readonly keywordSpan: Span;
      readonly span: Span;
    }
  | {
      readonly kind: 'in';
      readonly arg: SqlExpr;
      readonly list: readonly SqlExpr[];
      readonly negated: boolean;
      readonly span: Span;
    }
  | {
      readonly kind: 'like';
      readonly arg: SqlExpr;
      readonly pattern: SqlExpr;
      readonly negated: boolean;
      readonly span: Span;
    }
  | {
      readonly kind: 'case';
      readonly operand: SqlExpr | null;
      readonly whens: readonly { readonly when: SqlExpr; readonly then: SqlExpr }[];
      readonly otherwise: SqlExpr | null;
      readonly span: Span;
    }
  | { readonly kind: 'cast'; readonly arg: SqlExpr; readonly typeName: TypeRef; readonly span: Span }
  | {
      readonly kind: 'call';
      /** Lower-cased function name. */
      readonly name: Ident;
      readonly args: readonly SqlExpr[];
      /** `COUNT(*)` */
      readonly star: boolean;
      readonly distinct: boolean;
      readonly over: OverClause | null;
      readonly span: Span;
    };

export type SelectItem =
  | { readonly kind: 'expr'; readonly expr: SqlExpr; readonly alias: Ident | null; readonly span: Span }
  | { readonly kind: 'star'; readonly qualifier: Ident | null; readonly span: Span };

export type TvfName = 'tumble' | 'hop' | 'cumulate' | 'session';

/** `JOIN` as written; `comma` is `FROM a, b` (a cross join whose condition is in WHERE). */
export type JoinKind = 'inner' | 'left' | 'right' | 'full' | 'cross' | 'comma';

export type FromClause =
  | {
      readonly kind: 'stream';
      readonly name: Ident;
      readonly alias: Ident | null;
      /** `FOR SYSTEM_TIME AS OF expr` (the versioned side of a temporal join). */
      readonly asOf: SqlExpr | null;
      readonly span: Span;
    }
  | {
      readonly kind: 'tvf';
      readonly fn: TvfName;
      readonly fnSpan: Span;
      readonly table: Ident;
      readonly partitionBy: readonly SqlExpr[];
      readonly descriptor: Ident;
      /** tumble: [size]; hop: [slide, size]; cumulate: [step, size]; session: [gap] */
      readonly args: readonly SqlExpr[];
      readonly alias: Ident | null;
      readonly span: Span;
    }
  | {
      readonly kind: 'subquery';
      readonly query: SelectStmt;
      readonly alias: Ident | null;
      readonly span: Span;
    }
  | {
      readonly kind: 'join';
      readonly type: JoinKind;
      readonly left: FromClause;
      readonly right: FromClause;
      readonly on: SqlExpr | null;
      readonly using: readonly Ident[] | null;
      /** The join's keywords (`LEFT OUTER JOIN`, `,`), where hovers and errors about the join point. */
      readonly keywordSpan: Span;
      readonly span: Span;
      /** Set when the analyzer reads a WHERE's `IN` / `EXISTS` subquery as this join (never parsed as such). */
      readonly subquery?: SubqueryJoin;
    };

/**
 * `WHERE … l.k [NOT] IN (SELECT r.k FROM right WHERE cond)` as a join of the
 * query's FROM (left) with the subquery's FROM (right): SEMI keeps left rows
 * with a match, ANTI those without. `item` and `where` are written inside the
 * subquery, so their unqualified names are the right side's first.
 */
export interface SubqueryJoin {
  readonly anti: boolean;
  /** IN's left operand (outer scope), or null for EXISTS. */
  readonly arg: SqlExpr | null;
  /** IN's one SELECT item (inner scope), or null for EXISTS. */
  readonly item: SqlExpr | null;
  readonly where: SqlExpr | null;
  readonly span: Span;
}

export type WindowKeyword = 'tumbling' | 'hopping' | 'sliding' | 'session';

export interface WindowClause {
  readonly keyword: WindowKeyword;
  readonly keywordSpan: Span;
  readonly timeColumn: Ident | null;
  /** tumbling: [size]; hopping: [size, advance]; session: [gap] */
  readonly args: readonly SqlExpr[];
  readonly grace: SqlExpr | null;
  readonly span: Span;
}

/** `name AS (query)` of a WITH clause. */
export interface WithStep {
  readonly name: Ident;
  readonly query: SelectStmt;
  readonly span: Span;
}

export interface SelectStmt {
  readonly kind: 'select';
  readonly explain: boolean;
  /** WITH steps, visible to this query and to the steps after them. */
  readonly with: readonly WithStep[];
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: FromClause | null;
  readonly where: SqlExpr | null;
  readonly groupBy: readonly SqlExpr[];
  readonly window: WindowClause | null;
  readonly having: SqlExpr | null;
  readonly emit: { readonly mode: 'changes' | 'final'; readonly span: Span } | null;
  readonly limit: SqlExpr | null;
  /** `UNION ALL SELECT …` branches after this one (the whole query is their union). */
  readonly unionAll: readonly SelectStmt[];
  readonly span: Span;
}

/**
 * A type as written: `name` is the canonical lower-cased name (`TIMESTAMP(3)
 * WITH LOCAL TIME ZONE` → `timestamp_ltz`), `args` its precision/scale/length.
 */
export interface TypeRef extends Ident {
  readonly args: readonly number[];
}

export interface ColumnDef {
  readonly name: Ident;
  readonly typeName: TypeRef;
  /** `NOT NULL` was written. */
  readonly notNull: boolean;
  /** `name AS PROCTIME()` (Flink's processing-time attribute); its type is TIMESTAMP_LTZ(3). */
  readonly proctime: boolean;
  readonly span: Span;
}

export interface OptionDef {
  /** Lower-cased; dotted keys (`fields.x.kind`) are joined with dots. */
  readonly key: string;
  readonly keySpan: Span;
  readonly value: SqlExpr;
  readonly span: Span;
}

export interface CreateStreamStmt {
  readonly kind: 'createStream';
  readonly name: Ident;
  readonly columns: readonly ColumnDef[];
  readonly watermark: { readonly column: Ident; readonly expr: SqlExpr; readonly span: Span } | null;
  /** `PRIMARY KEY (a, …) NOT ENFORCED`: the key of a versioned (temporal-join) stream. */
  readonly primaryKey: { readonly columns: readonly Ident[]; readonly span: Span } | null;
  readonly options: readonly OptionDef[];
  readonly span: Span;
}

export type Statement = SelectStmt | CreateStreamStmt;

export interface Script {
  readonly statements: readonly Statement[];
}
