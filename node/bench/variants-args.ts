import { parseFlags, scenarioList, wholeNumber } from './cli-flags';

/** Command-line flags of `npm run bench` (the execution-variants benchmark). */
export interface VariantsArgs {
  readonly rows: number;
  readonly perRecordRows: number;
  readonly runs: number;
  readonly json: string | null;
  readonly only: readonly string[] | null;
  readonly browser: boolean;
  readonly quick: boolean;
  readonly duckdb: boolean;
}

const USAGE = `usage: npm run bench -- [--quick] [--browser] [--rows N] [--per-record-rows N] [--runs N] [--only S0,S3a] [--json FILE] [--no-duckdb]
  --quick            fewer rows (under two minutes in all)
  --browser          run the matrix in headless Chromium (Web Workers) instead of Node worker threads
  --rows             rows per scenario (default 1000000; quick 200000)
  --per-record-rows  rows for the per-record variant (default 20000; quick 5000)
  --runs             timed runs per cell after one warm-up; the median is reported (default 5)
  --only             run only these scenarios
  --json             also write the figures to FILE
  --no-duckdb        skip the DuckDB comparators`;

export function parseVariantsArgs(argv: readonly string[]): VariantsArgs {
  const f = parseFlags(
    argv,
    {
      quick: { type: 'boolean' },
      browser: { type: 'boolean' },
      'no-duckdb': { type: 'boolean' },
      rows: { type: 'string' },
      'per-record-rows': { type: 'string' },
      runs: { type: 'string' },
      json: { type: 'string' },
      only: { type: 'string' },
    },
    USAGE,
  );
  const quick = f.quick === true;
  return {
    rows: wholeNumber('--rows', f.rows, 1, quick ? 200_000 : 1_000_000, USAGE),
    perRecordRows: wholeNumber('--per-record-rows', f['per-record-rows'], 1, quick ? 5_000 : 20_000, USAGE),
    runs: wholeNumber('--runs', f.runs, 1, 5, USAGE),
    json: f.json ?? null,
    only: scenarioList(f.only),
    browser: f.browser === true,
    quick,
    duckdb: f['no-duckdb'] !== true,
  };
}
