/** The conformance cases (engine/testdata/conformance) as data, for tests that run them through every variant. */
import type { Row } from '../core/types';
import hop from '../testdata/conformance/hop-late-rows-per-window.json';
import rowsBuffer from '../testdata/conformance/rows-over-buffer-syntax.json';
import rowsLateness from '../testdata/conformance/rows-over-per-key-lateness.json';
import session from '../testdata/conformance/session-gap.json';
import changes from '../testdata/conformance/tumble-emit-changes-sequence.json';
import tvf from '../testdata/conformance/tumble-flink-tvf-syntax.json';
import late from '../testdata/conformance/tumble-late-rows.json';
import cumulateAggregate from '../testdata/flink-docs/cumulate-tvf-aggregate.json';
import cumulateRows from '../testdata/flink-docs/cumulate-tvf-rows.json';
import cumulateLate from '../testdata/flink-docs/cumulate-window-aggregate-late-row.json';
import cumulateTopNAggregate from '../testdata/flink-docs/cumulate-window-top-n-aggregate.json';
import cumulateTopNRows from '../testdata/flink-docs/cumulate-window-top-n-rows.json';
import dedupLast from '../testdata/flink-docs/deduplication-last-row-rowtime.json';
import hopTvf from '../testdata/flink-docs/hop-tvf-aggregate.json';
import rankTopN from '../testdata/flink-docs/rank-top-n.json';
import rankTopNth from '../testdata/flink-docs/rank-top-nth.json';
import temporalRates from '../testdata/flink-docs/temporal-join-rates.json';
import tumbleRows from '../testdata/flink-docs/tumble-tvf-rows.json';
import windowDedup from '../testdata/flink-docs/window-deduplication-last.json';
import windowJoin from '../testdata/flink-docs/window-join-full.json';
import topNAggregate from '../testdata/flink-docs/window-top-n-aggregate.json';
import topNTvf from '../testdata/flink-docs/window-top-n-tvf.json';

export interface ConformanceCase {
  readonly name: string;
  readonly script: string;
  readonly input: Readonly<Record<string, readonly Row[]>>;
  readonly expected: readonly Row[];
  readonly compare: string;
}

export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  hop,
  rowsBuffer,
  rowsLateness,
  session,
  changes,
  tvf,
  late,
] as readonly ConformanceCase[];

/** Examples from Flink's documentation with its published rows (engine/testdata/flink-docs), over one stream or several. */
export const FLINK_DOC_CASES: readonly ConformanceCase[] = [
  hopTvf,
  temporalRates,
  tumbleRows,
  windowJoin,
  topNAggregate,
  topNTvf,
  cumulateAggregate,
  cumulateRows,
  cumulateLate,
  cumulateTopNAggregate,
  cumulateTopNRows,
  dedupLast,
  windowDedup,
  rankTopN,
  rankTopNth,
] as readonly ConformanceCase[];
