/** Runs a directory of Flink scripts in one JVM (one MiniCluster) and parses the runner's per-script output. */
import { spawn } from 'node:child_process';
import type { ChangelogRow } from './final-state';
import { javaCommand } from './flink-jvm';

export type ScriptResult =
  { readonly ok: true; readonly rows: ChangelogRow[] } | { readonly ok: false; readonly error: string };

export function parseBatchOutput(stdout: string): Map<string, ScriptResult> {
  const results = new Map<string, ScriptResult>();
  let name: string | null = null;
  let rows: ChangelogRow[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('#script ')) {
      name = line.slice(8);
      rows = [];
    } else if (line.startsWith('#ok ') && name !== null) {
      results.set(name, { ok: true, rows });
      name = null;
    } else if (line.startsWith('#error ') && name !== null) {
      const msg = line.slice(8 + name.length);
      results.set(name, { ok: false, error: JSON.parse(msg) as string });
      name = null;
    } else if (line.startsWith('{') && name !== null) {
      rows.push(JSON.parse(line) as ChangelogRow);
    }
  }
  return results;
}

/** Every `dir/*.sql` through Flink; rejects only if the JVM itself fails. */
export function runFlinkScripts(
  classpath: string,
  dir: string,
  parallelism: number,
): Promise<Map<string, ScriptResult>> {
  const [cmd, args] = javaCommand(classpath, ['--parallelism', String(parallelism), '--scripts', dir]);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e) => reject(new Error(`cannot start java: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0)
        reject(
          new Error(`the Flink runner exited with ${code}: ${err.trim().split('\n').slice(-5).join('\n')}`),
        );
      else resolve(parseBatchOutput(out));
    });
  });
}
