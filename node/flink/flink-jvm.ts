/**
 * The Flink side: the Maven module in flink/ (built on first use), and the
 * `java` command that runs its FlinkSqlRunner. Missing tools are a message
 * with the command that installs them, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
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
  const built = [cpFile, marker, jobJar(), join(target, 'cluster-lib', 'slf4j-simple.jar')];
  const fresh = built.every((f) => existsSync(f)) && statSync(marker).mtimeMs >= newestSource(dir);
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
    // Maven leaves classes alone when only pom.xml changed: mark the build current, or every run rebuilds.
    const now = new Date();
    if (existsSync(marker)) utimesSync(marker, now, now);
  }
  return `${join(target, 'classes')}:${readFileSync(cpFile, 'utf8').trim()}`;
}

/** The module's own jar (built beside its classes): the job jar shipped to a session cluster. */
export function jobJar(): string {
  return join(flinkModuleDir(), 'target', 'windtunnel-flink-oracle-0.1.0.jar');
}

/**
 * The classpath of a session cluster's JobManager and TaskManager: the runner's, with a logger
 * that writes (slf4j-simple, to stderr) instead of the runner's silent one, so a JVM that does
 * not come up says why in its log.
 */
export function clusterClasspath(classpath: string): string {
  const logger = join(flinkModuleDir(), 'target', 'cluster-lib', 'slf4j-simple.jar');
  return [...classpath.split(':').filter((p) => !/slf4j-nop/.test(p)), logger].join(':');
}

/** `java` and its arguments to run `mainClass` (default: the Flink runner) with `runnerArgs`. */
export function javaCommand(
  classpath: string,
  runnerArgs: readonly string[],
  mainClass = MAIN_CLASS,
): [string, string[]] {
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
      mainClass,
      ...runnerArgs,
    ],
  ];
}
