import { parseFlags, scenarioList, wholeNumber } from './cli-flags';

/** Command-line flags of `npm run bench:engine`. */
export interface BenchArgs {
  readonly rows: number;
  readonly runs: number;
  readonly json: string | null;
  /** Scenario ids to run (default: all). */
  readonly only: readonly string[] | null;
  readonly batchSize: number;
  readonly warmup: number;
}

const USAGE = `usage: node build/node/engine.mjs [--rows N] [--runs N] [--json FILE] [--only S0,S3a] [--batch N]
  --rows   rows generated per scenario (default 1000000)
  --runs   timed runs per measurement, after the warm-up; the median is reported (default 5)
  --json   also write every figure to FILE
  --only   run only these scenarios (comma-separated ids)
  --batch  rows per pre-generated batch (default 16384)
  --warmup untimed runs before timing (default 2)`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const f = parseFlags(
    argv,
    {
      rows: { type: 'string' },
      runs: { type: 'string' },
      batch: { type: 'string' },
      warmup: { type: 'string' },
      json: { type: 'string' },
      only: { type: 'string' },
    },
    USAGE,
  );
  return {
    rows: wholeNumber('--rows', f.rows, 1, 1_000_000, USAGE),
    runs: wholeNumber('--runs', f.runs, 1, 5, USAGE),
    batchSize: wholeNumber('--batch', f.batch, 1, 16384, USAGE),
    warmup: wholeNumber('--warmup', f.warmup, 1, 2, USAGE),
    json: f.json ?? null,
    only: scenarioList(f.only),
  };
}
