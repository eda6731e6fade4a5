/** A compiled Windtunnel script as a runnable Flink script over JSON-lines files of its rows, written to a directory. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row, Schema } from '../../engine/core/types';
import { flinkExport, type FlinkFileInput } from '../../engine/language/flink-export';
import type { PhysicalPlan, SourceSpec } from '../../engine/plan/physical-plan';
import { jsonLines } from './flink-rows';

export interface StreamRows {
  readonly rows: readonly Row[];
  readonly schema: Schema;
}

/**
 * Writes `<name>.<k>.jsonl` for each source and `<name>.sql`; returns the
 * script's path. `plan` is `script` compiled (its sources name the files);
 * `offset` picks the query as the compiler did (default: the last one).
 */
export function writeFlinkScript(
  script: string,
  plan: PhysicalPlan,
  rowsOf: (spec: SourceSpec) => StreamRows,
  dir: string,
  name: string,
  offset?: number,
): string {
  const files: Record<string, FlinkFileInput> = {};
  plan.sources.forEach((spec, k) => {
    const path = join(dir, `${name}.${k}.jsonl`);
    const { rows, schema } = rowsOf(spec);
    // PROCTIME() columns are Flink's own there (its wall clock), not data.
    writeFileSync(
      path,
      jsonLines(
        rows,
        schema.filter((f) => !f.proctime),
      ),
    );
    files[spec.stream] = { path, format: 'json' };
  });
  const exported = flinkExport(script, offset === undefined ? { files } : { files, offset });
  if (!exported.ok) throw new Error(exported.text.replace(/^-- /gm, ''));
  const sqlPath = join(dir, `${name}.sql`);
  writeFileSync(sqlPath, exported.text);
  return sqlPath;
}
