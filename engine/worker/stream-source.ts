/**
 * Where a run's rows come from, per source of the plan: the built-in
 * generator (whole stream, or one partition's slice with the global seq and
 * watermark), a parsed file, or rows given inline. Each source also says how
 * far its stream has come (the arrival of its next row), which plans with
 * several sources need to merge them.
 */
import type { PhysicalPlan, SourceSpec } from '../plan/physical-plan';
import { unfedSourceMessage } from '../plan/unfed-source';
import type { BatchSource } from '../sources/batch-source';
import type { RowError } from '../sources/file-source';
import { createGeneratorSource, type GeneratorSource } from '../sources/generators';
import { generatorClock } from '../sources/generators/generator-clock';
import { createRowsSource } from '../sources/rows-source';
import { rowsClock, rowsClockData, type RowsClockData } from '../sources/rows-clock';
import type { ArrivalClock } from '../sources/arrival-clock';
import type { StreamInput, StreamInputs } from './engine-api';
import { createFileBatchSource } from './engine-pipeline';

export interface SourceSlice {
  readonly partition: number;
  readonly partitions: number;
  /** Per source: the columns to hash; null = any split. */
  readonly partitionColumns: readonly (readonly number[])[] | null;
  readonly inputs: StreamInputs;
  /** For any-split plans: rows per interleaved block (see interleavedBlocks). */
  readonly blockRows?: number;
}

/** One source of the plan, ready to read. */
export interface PlanSource {
  readonly index: number;
  readonly source: BatchSource;
  /** Arrival time (ms) of the next row this source will deliver (+∞ once it has no more). */
  nextArrival(): number;
  /** Rows of a file that did not parse or fit its columns (skipped), in line order. */
  readonly fileErrors: readonly RowError[];
  /** For a file or rows: the arrival clock's data (the engines of a run with several sources need it). */
  readonly clockData: RowsClockData | null;
  /** The stream's wall-clock rate (0 = as fast as possible). */
  readonly rowsPerSecond: number;
}

export interface StreamSources {
  readonly sources: readonly PlanSource[];
  /** Every file's skipped rows, each with its stream, file by file in line order. */
  readonly fileErrors: readonly (RowError & { readonly stream: string })[];
}

export function inputOf(inputs: StreamInputs | null | undefined, spec: SourceSpec): StreamInput | null {
  return inputs?.[spec.stream] ?? null;
}

export function createStreamSources(plan: PhysicalPlan, slice: SourceSlice): StreamSources {
  const sources = plan.sources.map((spec, index) => createPlanSource(plan, spec, index, slice));
  return {
    sources,
    fileErrors: sources.flatMap((s, k) =>
      s.fileErrors.map((e) => ({ ...e, stream: plan.sources[k]!.stream })),
    ),
  };
}

function rateOf(spec: SourceSpec): number {
  const r = spec.options['rows_per_second'];
  return typeof r === 'number' ? r : 10000;
}

function createPlanSource(
  plan: PhysicalPlan,
  spec: SourceSpec,
  index: number,
  slice: SourceSlice,
): PlanSource {
  const input = inputOf(slice.inputs, spec);
  if (input !== null) {
    if (slice.partitions > 1)
      throw new Error('a file stream is read in one place; it cannot be split into partition-local sources');
    const { source, errors } =
      'file' in input
        ? createFileBatchSource(spec, input.file)
        : { source: createRowsSource(spec, input.rows), errors: [] };
    return rowsPlanSource(index, spec, source, errors, () => rowsOfInput(spec, input));
  }
  const clock = generatorClock(spec);
  const gen = generatorSource(spec, index, slice, clock.total);
  return {
    index,
    source: gen.source,
    nextArrival: () => gen.nextArrival(clock),
    fileErrors: [],
    clockData: null,
    rowsPerSecond: rateOf(spec),
  };
}

/** A source over rows (a parsed file or fixtures): its progress follows its own rows' clock. */
function rowsPlanSource(
  index: number,
  spec: SourceSpec,
  inner: BatchSource,
  fileErrors: readonly RowError[],
  clockRows: () => { ts: (number | null)[]; seq: number[] },
): PlanSource {
  let data: RowsClockData | null = null;
  let clock: ArrivalClock | null = null;
  let delivered = 0;
  const theClock = (): ArrivalClock => {
    if (clock === null) {
      const r = clockRows();
      data = rowsClockData(r.ts, r.seq);
      clock = rowsClock(data);
    }
    return clock;
  };
  const source: BatchSource = {
    bounded: true,
    next(maxRows) {
      const b = inner.next(maxRows);
      if (b !== null) delivered += b.length;
      return b;
    },
  };
  return {
    index,
    source,
    nextArrival: () => {
      const c = theClock();
      return delivered >= (c.total ?? 0) ? Infinity : c.arrivalOf(delivered);
    },
    fileErrors,
    get clockData() {
      theClock();
      return data;
    },
    rowsPerSecond: rateOf(spec),
  };
}

/** The event times and seqs of a stream input's rows, as its source delivers them. */
function rowsOfInput(spec: SourceSpec, input: StreamInput): { ts: (number | null)[]; seq: number[] } {
  const src =
    'file' in input ? createFileBatchSource(spec, input.file).source : createRowsSource(spec, input.rows);
  const ts: (number | null)[] = [];
  const seq: number[] = [];
  const tc = spec.timeColumn;
  for (let b = src.next(65536); b; b = src.next(65536)) {
    const col = tc === null ? null : b.columns[tc]!;
    for (let i = 0; i < b.length; i++) {
      seq.push(b.seq[i]!);
      if (col === null || col.type === 'NULL' || col.type === 'VARCHAR' || col.type === 'BOOLEAN')
        ts.push(null);
      else ts.push(col.valid === null || (col.valid[i >> 3]! & (1 << (i & 7))) !== 0 ? col.data[i]! : null);
    }
  }
  return { ts, seq };
}

interface GeneratedSlice {
  readonly source: BatchSource;
  nextArrival(clock: ArrivalClock): number;
}

function generatorSource(
  spec: SourceSpec,
  index: number,
  slice: SourceSlice,
  total: number | null,
): GeneratedSlice {
  if (spec.generator === null)
    throw new Error(unfedSourceMessage(spec, 'give it a file (CSV or JSON lines)'));
  const columns = slice.partitionColumns?.[index] ?? null;
  if (slice.partitions > 1 && columns === null && slice.blockRows !== undefined)
    return interleavedBlocks(
      spec,
      slice.partition,
      slice.partitions,
      balancedBlock(total, slice.partitions, slice.blockRows),
    );
  const g = createGeneratorSource(spec, {
    partition: slice.partition,
    partitions: slice.partitions,
    partitionColumns: columns ?? [],
  });
  return { source: g, nextArrival: (clock) => positionArrival(g, clock) };
}

function positionArrival(g: GeneratorSource, clock: ArrivalClock): number {
  return g.total !== null && g.position >= g.total ? Infinity : clock.arrivalOf(g.position);
}

/**
 * Rows per interleaved block: at most `most`, and for a bounded stream a whole number of rounds
 * of `partitions` blocks, so the partitions' shares differ by fewer than rounds · partitions rows
 * (the rounding, all in the last blocks). Blocks of `most` rows regardless would give one of two
 * partitions two thirds of a 100K-row stream (65,536 rows).
 */
export function balancedBlock(total: number | null, partitions: number, most: number): number {
  if (total === null || total <= 0) return most;
  const rounds = Math.ceil(total / (partitions * most));
  return Math.ceil(total / (rounds * partitions));
}

/**
 * Any split will do (a stateless plan): partition p takes blocks p, p + n,
 * p + 2n, … of `block` rows, starting a generator at each block's first row.
 * Rows are pure functions of their index, so no partition scans rows it
 * does not keep (a per-row filter would make every partition pay for the
 * whole stream's time model).
 */
function interleavedBlocks(spec: SourceSpec, p: number, n: number, block: number): GeneratedSlice {
  let k = 0;
  let current: GeneratorSource | null = null;
  let left = 0;
  let bounded = true;
  let ended = false;
  const src: BatchSource = {
    get bounded() {
      return bounded;
    },
    next(maxRows: number) {
      for (;;) {
        if (current === null || left === 0) {
          const g = createGeneratorSource(spec, { startRow: (k++ * n + p) * block });
          bounded = g.bounded;
          if (g.total !== null && g.position >= g.total) {
            ended = true;
            return null;
          }
          current = g;
          left = block;
        }
        const b = current.next(Math.min(maxRows, left));
        if (b === null) {
          ended = true;
          return null;
        }
        left -= b.length;
        if (b.length > 0) return b;
      }
    },
  };
  return {
    source: src,
    nextArrival(clock) {
      if (ended) return Infinity;
      // Inside a block: its next row; between blocks: the first row of this partition's next block.
      const next = current !== null && left > 0 ? current.position : (k * n + p) * block;
      const total = clock.total;
      return total !== null && next >= total ? Infinity : clock.arrivalOf(next);
    },
  };
}

/** The whole streams, for variants whose source lives on the orchestrator side. */
export function createCentralSources(plan: PhysicalPlan, inputs: StreamInputs | null): StreamSources {
  return createStreamSources(plan, {
    partition: 0,
    partitions: 1,
    partitionColumns: null,
    inputs: inputs ?? {},
  });
}

/** The arrival clocks of the sources fed by files or rows (null for generators), parsing them here. */
export function clockDataOf(plan: PhysicalPlan, inputs: StreamInputs): (RowsClockData | null)[] {
  return plan.sources.map((spec) => {
    const input = inputOf(inputs, spec);
    if (input === null) return null;
    const r = rowsOfInput(spec, input);
    return rowsClockData(r.ts, r.seq);
  });
}
