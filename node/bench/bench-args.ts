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
  let rows = 1_000_000;
  let runs = 5;
  let json: string | null = null;
  let only: string[] | null = null;
  let batchSize = 16384;
  let warmup = 2;
  const count = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v?.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number ≥ ${min}, got ${v ?? 'nothing'}\n${USAGE}`);
    return n;
  };
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k]!;
    const v = argv[k + 1];
    switch (flag) {
      case '--rows':
        rows = count(flag, v, 1);
        k++;
        break;
      case '--runs':
        runs = count(flag, v, 1);
        k++;
        break;
      case '--batch':
        batchSize = count(flag, v, 1);
        k++;
        break;
      case '--warmup':
        warmup = count(flag, v, 1);
        k++;
        break;
      case '--json':
        if (!v) throw new Error(`--json needs a file name\n${USAGE}`);
        json = v;
        k++;
        break;
      case '--only':
        if (!v) throw new Error(`--only needs scenario ids\n${USAGE}`);
        only = v.split(',').map((s) => s.trim());
        k++;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  return { rows, runs, json, only, batchSize, warmup };
}
