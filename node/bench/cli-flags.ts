/** Flag parsing shared by the benchmark entry points, on Node's own `util.parseArgs`. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` strictly; `--help` prints `usage` and exits; any mistake throws with the usage attached. */
export function parseFlags<O extends Options>(argv: readonly string[], options: O, usage: string) {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${usage}`, { cause: e });
  }
  if (values['help']) {
    console.log(usage);
    process.exit(0);
  }
  return values as { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
}

/** A whole-number flag value (underscores allowed: 1_000_000), or `fallback` when absent. */
export function wholeNumber(
  flag: string,
  v: string | undefined,
  min: number,
  fallback: number,
  usage: string,
): number {
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${flag} needs a whole number ≥ ${min}, got ${v}\n${usage}`);
  return n;
}

/** `--only S0,S3a` → ['S0', 'S3a']; absent → null (all scenarios). */
export function scenarioList(v: string | undefined): string[] | null {
  return v === undefined ? null : v.split(',').map((s) => s.trim());
}
