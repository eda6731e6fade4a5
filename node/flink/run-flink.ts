/**
 * `npm run flink`: the script compiled by Windtunnel, exported by Windtunnel's
 * own Flink export over files of exactly the rows the engine would read, run
 * on Apache Flink (embedded MiniCluster); Flink's rows stream to stdout in
 * `npm run query`'s format.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCliScript } from '../cli/run-query';
import type { FlinkArgs } from './flink-args';
import { ensureFlinkBuilt, FlinkSetupError, javaCommand, jobJar } from './flink-jvm';
import { fileRows, generatorRows } from './flink-rows';
import { writeFlinkScript, type StreamRows } from './flink-script';

function fail(lines: string[]): number {
  process.stderr.write(lines.join('\n') + '\n');
  return 1;
}

export async function runFlink(args: FlinkArgs, sql: string): Promise<number> {
  const compiled = compileCliScript(args.inputs, sql);
  if ('errors' in compiled) return fail(compiled.errors);
  const inputs = compiled.inputs;
  const plan = compiled.plan;
  const dir = mkdtempSync(join(tmpdir(), 'windtunnel-flink-'));
  try {
    const skipped: string[] = [];
    const rowsOf = (spec: (typeof plan.sources)[number]): StreamRows => {
      const file = inputs.find((f) => f.name.toLowerCase() === spec.stream.toLowerCase());
      if (!file) {
        if (spec.generator === null)
          throw new Error(`stream ${spec.stream} has no generator: pass --input ${spec.stream}=PATH`);
        return generatorRows(spec);
      }
      const r = fileRows(spec, file.text, file.format);
      for (const e of r.errors.slice(0, 10))
        skipped.push(`${file.path}:${e.line}: ${e.message} (row skipped)`);
      if (r.errors.length > 10) skipped.push(`${file.path}: ${r.errors.length - 10} more bad rows skipped`);
      return r;
    };
    let scriptPath: string;
    try {
      scriptPath = writeFlinkScript(compiled.script, plan, rowsOf, dir, 'query');
    } catch (e) {
      return fail([`error: ${e instanceof Error ? e.message : String(e)}`]);
    }
    if (skipped.length) process.stderr.write(skipped.join('\n') + '\n');
    if (args.printScript) {
      process.stdout.write(readFileSync(scriptPath, 'utf8'));
      return 0;
    }
    let classpath: string;
    try {
      classpath = ensureFlinkBuilt((line) => process.stderr.write(line + '\n'));
    } catch (e) {
      if (e instanceof FlinkSetupError) return fail([`error: ${e.message}`]);
      throw e;
    }
    const runnerArgs = ['--parallelism', String(args.parallelism)];
    if (args.changelog) runnerArgs.push('--changelog');
    // The input files are this machine's temp files: a TaskManager elsewhere needs them on shared storage.
    if (args.cluster) runnerArgs.push('--cluster', args.cluster, '--jar', jobJar());
    const [cmd, cmdArgs] = javaCommand(classpath, [...runnerArgs, scriptPath]);
    return await new Promise<number>((resolve) => {
      const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', (e) => resolve(fail([`error: cannot start java: ${e.message}`])));
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
