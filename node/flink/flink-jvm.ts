/**
 * The Flink side: the Maven module in flink/ (built on first use), and the
 * `java` command that runs its FlinkSqlRunner. Missing tools are a message
 * with the command that installs them, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INSTALL_HINT = 'apt-get install -y openjdk-17-jdk-headless maven';
const MAIN_CLASS = 'dev.windtunnel.flink.FlinkSqlRunner';

/** Thrown for problems the user fixes outside Windtunnel (tools, the Maven build). */
export class FlinkSetupError extends Error {}

/** flink/ of this checkout: two levels up from both node/flink/*.ts and build/node/*.mjs. */
export function flinkModuleDir(): string {
  return fileURLToPath(new URL('../../flink/', import.meta.url));
}

function newestSource(dir: string): number {
  let newest = statSync(join(dir, 'pom.xml')).mtimeMs;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(join(dir, 'src'));
  return newest;
}

function requireTool(cmd: string, arg: string): void {
  const r = spawnSync(cmd, [arg], { stdio: 'ignore' });
  if (r.error)
    throw new FlinkSetupError(
      `${cmd} was not found on PATH; the Flink oracle needs Java 17 and Maven: ${INSTALL_HINT}`,
    );
}

/**
 * Builds flink/ when its classes are missing or older than its sources
 * (`mvn -q package`; the first build downloads Flink into ~/.m2). Returns
 * the JVM classpath. `log` hears one line before a build starts.
 */
export function ensureFlinkBuilt(log: (line: string) => void = () => {}): string {
  const dir = flinkModuleDir();
  requireTool('java', '-version');
  const target = join(dir, 'target');
  const cpFile = join(target, 'classpath.txt');
  const marker = join(target, 'classes', ...MAIN_CLASS.split('.')) + '.class';
  const fresh = existsSync(cpFile) && existsSync(marker) && statSync(marker).mtimeMs >= newestSource(dir);
  if (!fresh) {
    requireTool('mvn', '-v');
    log('building the Flink module in flink/ (the first build downloads Flink with Maven) …');
    const r = spawnSync('mvn', ['-q', '-B', '-f', join(dir, 'pom.xml'), 'package'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (r.status !== 0) {
      const tail = `${r.stdout}${r.stderr}`.trim().split('\n').slice(-15).join('\n');
      throw new FlinkSetupError(`the Maven build of flink/ failed:\n${tail}`);
    }
  }
  return `${join(target, 'classes')}:${readFileSync(cpFile, 'utf8').trim()}`;
}

/** `java` and its arguments to run the Flink runner with `runnerArgs`. */
export function javaCommand(classpath: string, runnerArgs: readonly string[]): [string, string[]] {
  return [
    'java',
    [
      // Flink 2 on Java 17 reflects into these (as flink-dist's env.java.opts do).
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '--add-opens=java.base/java.util=ALL-UNNAMED',
      '--add-opens=java.base/java.time=ALL-UNNAMED',
      '-XX:+UseSerialGC',
      '-cp',
      classpath,
      MAIN_CLASS,
      ...runnerArgs,
    ],
  ];
}
