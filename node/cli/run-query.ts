/** The CLI's run: compile, pick the source (a file or the generator), run the variant in worker threads, print rows. */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ColumnBatch } from '../../engine/core/batch';
import { batchDictionaries, readValue } from '../../engine/core/batch-rows';
import { findBuiltinStream } from '../../engine/core/builtin-streams';
import { formatDiagnostic, type Diagnostic } from '../../engine/core/diagnostic';
import { OP_CODES, type Schema } from '../../engine/core/types';
import { compileScript } from '../../engine/plan/compile';
import { explainPlan } from '../../engine/plan/explain';
import type { PhysicalPlan } from '../../engine/plan/physical-plan';
import { unfedSourceMessage } from '../../engine/plan/unfed-source';
import { formatOfPath, parseFile, type FileFormat } from '../../engine/sources/file-source';
import { inferSchema } from '../../engine/sources/file-rows';
import { createGeneratorSource } from '../../engine/sources/generators/index';
import type { StreamInput } from '../../engine/worker/engine-api';
import { startRun, type RunEnv } from '../../engine/worker/start-run';
import { nodeClock, nodeEngineFactory } from '../worker/node-engine-factory';
import type { CliArgs } from './cli-args';
import { inferredDdl } from './input-ddl';

export interface InputFile {
  name: string;
  path: string;
  text: string;
  format: FileFormat;
}

class Out {
  private buf: string[] = [];
  private size = 0;
  line(s: string): void {
    this.buf.push(s);
    this.size += s.length + 1;
    if (this.size > 1 << 16) this.flush();
  }
  flush(): void {
    if (this.buf.length) process.stdout.write(this.buf.join('\n') + '\n');
    this.buf = [];
    this.size = 0;
  }
}

function printBatch(out: Out, b: ColumnBatch, schema: Schema, changelog: boolean): void {
  const dicts = batchDictionaries(b);
  const names = schema.map((f) => JSON.stringify(f.name));
  for (let i = 0; i < b.length; i++) {
    let s = '{';
    if (changelog) s += `"op":"${OP_CODES[b.op === null ? 0 : b.op[i]!]!}",`;
    for (let c = 0; c < names.length; c++) {
      const v = readValue(b.columns[c]!, i, dicts[c] ?? null);
      s += `${c ? ',' : ''}${names[c]!}:${JSON.stringify(typeof v === 'number' && !Number.isFinite(v) ? null : v)}`;
    }
    out.line(s + '}');
  }
}

function fail(lines: string[]): number {
  process.stderr.write(lines.join('\n') + '\n');
  return 1;
}

/** Compiles, declaring streams that only a file describes; diagnostics keep the user's line numbers. `script`: the text compiled. */
export function compileWithInputs(
  sql: string,
  inputs: InputFile[],
): { plan: PhysicalPlan | null; diagnostics: Diagnostic[]; explain: boolean; script: string } {
  const first = compileScript(sql);
  const declared = new Set(first.streams.map((s) => s.name.toLowerCase()));
  let prefix = '';
  for (const f of inputs) {
    if (declared.has(f.name.toLowerCase()) || findBuiltinStream(f.name)) continue;
    const parsed = parseFile(f.text, f.format);
    const ddl = inferredDdl(f.name, inferSchema(parsed.rows, f.format === 'csv'));
    if (ddl) prefix += ddl;
  }
  if (!prefix) return { ...first, script: sql };
  const script = prefix + '\n' + sql;
  const r = compileScript(script);
  const diagnostics = r.diagnostics.map((d) => (d.line > 1 ? { ...d, line: d.line - 1 } : d));
  return { plan: r.plan, diagnostics, explain: r.explain, script };
}

/**
 * Reads the `--input` files and compiles the script with them (see compileWithInputs): the
 * plan, or the lines to print (a file that cannot be read, or `line:column: message` diagnostics).
 */
export function compileCliScript(
  given: readonly { readonly name: string; readonly path: string }[],
  sql: string,
): { plan: PhysicalPlan; explain: boolean; script: string; inputs: InputFile[] } | { errors: string[] } {
  const inputs: InputFile[] = [];
  for (const i of given) {
    const format = formatOfPath(i.path);
    if (format === null)
      return {
        errors: [`--input ${i.name}: unknown file type for ${i.path} (use .csv, .json, .jsonl or .ndjson)`],
      };
    let text: string;
    try {
      text = readFileSync(i.path, 'utf8');
    } catch {
      return { errors: [`--input ${i.name}: cannot read ${i.path}`] };
    }
    inputs.push({ name: i.name, path: i.path, text, format });
  }
  const compiled = compileWithInputs(sql, inputs);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || compiled.plan === null)
    return {
      errors: errors.length ? errors.map(formatDiagnostic) : ['1:1: the query could not be compiled'],
    };
  return { plan: compiled.plan, explain: compiled.explain, script: compiled.script, inputs };
}

/** `env`: where the engines run (default: Node worker threads from the bundled engine-worker.mjs). */
export async function runQuery(args: CliArgs, sql: string, env?: RunEnv): Promise<number> {
  const compiled = compileCliScript(args.inputs, sql);
  if ('errors' in compiled) return fail(compiled.errors);
  const inputs = compiled.inputs;
  const plan = compiled.plan;
  if (args.explain || compiled.explain) {
    process.stdout.write(explainPlan(plan).text.replace(/\n?$/, '\n'));
    return 0;
  }
  const runInputs: Record<string, StreamInput> = {};
  for (const src of plan.sources) {
    const stream = src.stream;
    const file = inputs.find((f) => f.name.toLowerCase() === stream.toLowerCase());
    if (file) {
      runInputs[stream] = { file: { name: file.path, text: file.text } };
      continue;
    }
    const ddlPath = src.options['path'];
    if (src.generator === null && typeof ddlPath === 'string') {
      // A pasted Flink filesystem DDL names its file: the CLI can read it where the browser cannot.
      const path = ddlPath.replace(/^file:\/\//, '');
      try {
        const text = readFileSync(path, 'utf8');
        // The file's name carries its format to the engine; the DDL's 'format' decides when the path has no extension.
        const ext = src.options['format'] === 'json' ? '.json' : '.csv';
        runInputs[stream] = { file: { name: formatOfPath(path) ? path : path + ext, text } };
      } catch {
        return fail([
          `stream ${stream}: cannot read ${path} (its DDL's 'path'); pass --input ${stream}=PATH`,
        ]);
      }
      continue;
    }
    if (src.generator === null) return fail([unfedSourceMessage(src, `pass --input ${stream}=PATH`)]);
    let bounded: boolean;
    try {
      bounded = createGeneratorSource(src).bounded;
    } catch (e) {
      return fail([`stream ${stream}: ${e instanceof Error ? e.message : String(e)}`]);
    }
    if (!bounded)
      return fail([
        `stream ${stream} is unbounded: give it a total, e.g. WITH (total = 100000), or pass --input ${stream}=PATH`,
      ]);
  }
  const out = new Out();
  const t0 = performance.now();
  // The real variant, in Node worker threads: the same runtime the playground runs in Web Workers.
  const handle = startRun(
    plan,
    {
      variant: args.variant,
      ...(args.batchSize !== undefined ? { batchSize: args.batchSize } : {}),
      ...(args.partitions !== undefined ? { partitions: args.partitions } : {}),
      inputs: runInputs,
      // As fast as possible: a script's rows_per_second paces the playground, not the CLI.
      rowsPerSecond: 0,
      metricsEveryMs: 1000,
    },
    env ?? { createEngine: nodeEngineFactory(), clock: nodeClock },
  );
  handle.outputs.subscribe((e) => {
    for (const b of e.batches) printBatch(out, b, plan.output, args.changelog);
  });
  // The last sample comes after the workers' final counters: peaks over the whole run.
  let peaks: readonly number[] = [];
  handle.metrics$.subscribe((m) => (peaks = m.sourcePeakState));
  const s = await handle.done;
  out.flush();
  if (s.error !== undefined) return fail([`error: ${s.error}`]);
  const elapsed = performance.now() - t0;
  const pathOf = (stream: string | undefined): string =>
    inputs.find((f) => stream !== undefined && f.name.toLowerCase() === stream.toLowerCase())?.path ??
    inputs[0]?.path ??
    '';
  const lines = s.fileErrors.first.map((e) => `${pathOf(e.stream)}:${e.line}: ${e.message} (row skipped)`);
  const more = s.fileErrors.count - s.fileErrors.first.length;
  if (more > 0)
    lines.push(`${inputs.length === 1 ? `${inputs[0]!.path}: ` : ''}${more} more bad rows skipped`);
  if (lines.length) process.stderr.write(lines.join('\n') + '\n');
  if (args.stats) {
    process.stderr.write(
      JSON.stringify({
        rows_in: s.rowsIn,
        rows_out: s.rowsOut,
        late_dropped: s.late,
        invalid: s.invalid + s.fileErrors.count,
        elapsed_ms: Math.round(elapsed * 1000) / 1000,
        // A join's state per input: the most rows of each stream it held at once (per partition, summed).
        ...(peaks.some((n) => n > 0)
          ? { join_state_peak: Object.fromEntries(plan.sources.map((src, k) => [src.stream, peaks[k] ?? 0])) }
          : {}),
      }) + '\n',
    );
  }
  return 0;
}
