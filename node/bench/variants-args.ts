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
  const quick = argv.includes('--quick');
  let rows = quick ? 200_000 : 1_000_000;
  let perRecordRows = quick ? 5_000 : 20_000;
  let runs = 5;
  let json: string | null = null;
  let only: string[] | null = null;
  let browser = false;
  let duckdb = true;
  const count = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v?.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number ≥ ${min}, got ${v ?? 'nothing'}\n${USAGE}`);
    return n;
  };
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k]!;
    const v = argv[k + 1];
    switch (flag) {
      case '--quick':
        break;
      case '--browser':
        browser = true;
        break;
      case '--no-duckdb':
        duckdb = false;
        break;
      case '--rows':
        rows = count(flag, v, 1);
        k++;
        break;
      case '--per-record-rows':
        perRecordRows = count(flag, v, 1);
        k++;
        break;
      case '--runs':
        runs = count(flag, v, 1);
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
  return { rows, perRecordRows, runs, json, only, browser, quick, duckdb };
}
