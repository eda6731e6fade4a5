/** Compare's table as Markdown, with what a reader needs to trust it: machine, query, seed, row counts. */
import type { PhysicalPlan } from '../../engine/index';
import { COLUMNS, statusText, type TableRow } from './compare-table';
import { warmupRows } from './run-sequence';

export interface CompareContext {
  readonly plan: PhysicalPlan;
  /** The script as typed (its query is the one that ran). */
  readonly script: string | null;
  /** The uploaded file of each stream that has one. */
  readonly fileNames: Readonly<Record<string, string>>;
  readonly rows: number;
  /** Timed runs per variant (the median is shown). */
  readonly repeat: number;
  readonly cores: number;
  readonly when: Date;
}

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Where the rows came from; `code` wraps names (Markdown uses backticks, the page plain text). */
export function sourceText(ctx: CompareContext, code: (s: string) => string = (s) => s): string {
  return ctx.plan.sources
    .map((src) => {
      const file = ctx.fileNames[src.stream];
      if (file) return `stream ${code(src.stream)} from the file ${code(file)}`;
      const seed = src.options['seed'] ?? 1;
      return `stream ${code(src.stream)}, generator ${code(src.generator ?? 'none')}, seed ${seed}`;
    })
    .join('; ');
}

export function compareMarkdown(ctx: CompareContext, rows: readonly TableRow[]): string {
  const lines = [
    '## Windtunnel Compare',
    '',
    `- Machine: ${ctx.cores} cores (navigator.hardwareConcurrency), ${ctx.when.toISOString()}`,
    `- Source: ${sourceText(ctx, (n) => `\`${n}\``)}; rate and total overridden: as fast as possible, ${ctx.rows.toLocaleString('en-US')} rows per run (per-record fewer, checked against direct on the same rows)`,
    `- Each run follows an untimed warm-up on the same, already started workers (${warmupRows(ctx.rows).toLocaleString('en-US')} rows; per-record 500); seconds are wall time from start to the last output, the engines' setup included${ctx.repeat > 1 ? `, the median of ${ctx.repeat} timed runs` : ', one timed run'}`,
    '',
    '```sql',
    (ctx.script ?? '-- (script not available)').trim(),
    '```',
    '',
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map((_, i) => (i === 0 || i >= 8 ? '---' : '---:')).join('|')}|`,
  ];
  for (const r of rows) {
    const c = r.cells;
    const label = r.notes.length ? `${r.label} (${r.notes.join('; ')})` : r.label;
    const cells = [
      label,
      c.batchSize,
      c.workers,
      c.rows,
      c.seconds,
      c.rate,
      c.ratio,
      c.rowsOut,
      c.checksum,
      c.split,
      statusText(r),
    ];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
