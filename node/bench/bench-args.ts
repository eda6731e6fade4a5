/**
 * Command-line flags of both benchmarks (`npm run bench:engine`, `npm run bench`),
 * each described once as data: the parser and the usage text come from the same table.
 */
import { parseFlags, scenarioList, wholeNumber } from './cli-flags';

interface Flag {
  readonly kind: 'count' | 'switch' | 'file' | 'scenarios';
  readonly doc: string;
  /** Counts: the default, and the default under --quick. */
  readonly dflt?: number;
  readonly quick?: number;
}

type Flags = Readonly<Record<string, Flag>>;

const COMMON = {
  runs: {
    kind: 'count',
    doc: 'timed runs per measurement, after the warm-up; the median is reported',
    dflt: 5,
  },
  json: { kind: 'file', doc: 'also write every figure to FILE' },
  only: { kind: 'scenarios', doc: 'run only these scenarios (comma-separated ids, e.g. S0,S3a)' },
} as const satisfies Flags;

const ENGINE_FLAGS = {
  rows: { kind: 'count', doc: 'rows generated per scenario', dflt: 1_000_000 },
  ...COMMON,
  batch: { kind: 'count', doc: 'rows per pre-generated batch', dflt: 16384 },
  warmup: { kind: 'count', doc: 'untimed runs before timing', dflt: 2 },
} as const satisfies Flags;

const VARIANTS_FLAGS = {
  quick: { kind: 'switch', doc: 'fewer rows (under two minutes in all)' },
  browser: {
    kind: 'switch',
    doc: 'run the matrix in headless Chromium (Web Workers) instead of Node worker threads',
  },
  rows: { kind: 'count', doc: 'rows per scenario', dflt: 1_000_000, quick: 200_000 },
  'per-record-rows': { kind: 'count', doc: 'rows for the per-record variant', dflt: 20_000, quick: 5_000 },
  ...COMMON,
  warmup: {
    kind: 'count',
    doc: "untimed rounds (every cell once) before timing: V8 still recompiles the partitioned workers' code in their second and third runs",
    dflt: 4,
    quick: 2,
  },
  'min-seconds': {
    kind: 'count',
    doc: 'timed rounds go on past --runs (up to 10 × as many) until they have taken this long: runs of a few milliseconds need many for a median that holds',
    dflt: 2,
  },
  'no-duckdb': { kind: 'switch', doc: 'skip the DuckDB comparators' },
  flink: {
    kind: 'switch',
    doc: 'add Apache Flink (embedded MiniCluster, parallelism 1 and 2) for S0-S3b on the same rows; needs Java 17 and Maven',
  },
} as const satisfies Flags;

function usageOf(command: string, flags: Flags): string {
  const names = Object.keys(flags);
  const width = Math.max(...names.map((n) => n.length)) + 4;
  const arg = (f: Flag): string =>
    f.kind === 'count' ? ' N' : f.kind === 'file' ? ' FILE' : f.kind === 'scenarios' ? ' S0,S3a' : '';
  const dflt = (f: Flag): string =>
    f.dflt === undefined ? '' : ` (default ${f.dflt}${f.quick === undefined ? '' : `; quick ${f.quick}`})`;
  return (
    `usage: ${command} ${names.map((n) => `[--${n}${arg(flags[n]!)}]`).join(' ')}\n` +
    names.map((n) => `  ${`--${n}`.padEnd(width)}${flags[n]!.doc}${dflt(flags[n]!)}`).join('\n')
  );
}

type Value<F extends Flag> = F['kind'] extends 'count'
  ? number
  : F['kind'] extends 'switch'
    ? boolean
    : F['kind'] extends 'file'
      ? string | null
      : string[] | null;
type Values<T extends Flags> = { -readonly [K in keyof T]: Value<T[K]> };

function parseWith<T extends Flags>(argv: readonly string[], command: string, flags: T): Values<T> {
  const usage = usageOf(command, flags);
  const options = Object.fromEntries(
    Object.entries(flags).map(([n, f]) => [n, { type: f.kind === 'switch' ? 'boolean' : 'string' } as const]),
  );
  const raw = parseFlags(argv, options, usage) as Record<string, string | boolean | undefined>;
  const quick = raw['quick'] === true;
  const out: Record<string, unknown> = {};
  for (const [n, f] of Object.entries(flags)) {
    const v = raw[n];
    if (f.kind === 'switch') out[n] = v === true;
    else if (f.kind === 'count')
      out[n] = wholeNumber(
        `--${n}`,
        v as string | undefined,
        1,
        (quick ? f.quick : undefined) ?? f.dflt!,
        usage,
      );
    else if (f.kind === 'file') out[n] = (v as string | undefined) ?? null;
    else out[n] = scenarioList(v as string | undefined);
  }
  return out as Values<T>;
}

/** Flags of `npm run bench:engine`. */
export interface BenchArgs {
  readonly rows: number;
  readonly runs: number;
  readonly json: string | null;
  /** Scenario ids to run (default: all). */
  readonly only: readonly string[] | null;
  readonly batchSize: number;
  readonly warmup: number;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const v = parseWith(argv, 'node build/node/engine.mjs', ENGINE_FLAGS);
  return { rows: v.rows, runs: v.runs, json: v.json, only: v.only, batchSize: v.batch, warmup: v.warmup };
}

/** Flags of `npm run bench` (the execution-variants benchmark). */
export interface VariantsArgs {
  readonly rows: number;
  readonly perRecordRows: number;
  readonly runs: number;
  readonly json: string | null;
  readonly only: readonly string[] | null;
  readonly browser: boolean;
  readonly quick: boolean;
  readonly duckdb: boolean;
  readonly flink: boolean;
  readonly warmup: number;
  readonly minSeconds: number;
}

export function parseVariantsArgs(argv: readonly string[]): VariantsArgs {
  const v = parseWith(argv, 'npm run bench --', VARIANTS_FLAGS);
  return {
    rows: v.rows,
    perRecordRows: v['per-record-rows'],
    runs: v.runs,
    json: v.json,
    only: v.only,
    browser: v.browser,
    quick: v.quick,
    duckdb: !v['no-duckdb'],
    flink: v.flink,
    warmup: v.warmup,
    minSeconds: v['min-seconds'],
  };
}
