/**
 * Keeps the sources panel and the script in sync, in the script → panel
 * direction by reading the compiler's view of each CREATE STREAM, and in the
 * panel → script direction by editing the `WITH (…)` text in place — so the
 * script stays the single source of truth and a shared link carries it all.
 */
import { findBuiltinStream, type StreamDeclInfo } from '../../engine/index';

export type OptionValue = number | string;

/** How an option value is written back into SQL. */
export function formatOptionValue(v: OptionValue): string {
  return typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
}

/**
 * Sets `key = value` in the WITH clause of `stream`'s CREATE STREAM (null
 * value: removes the option). A built-in stream used without DDL gets a
 * CREATE STREAM with its columns prepended to the script.
 */
export function setStreamOption(
  script: string,
  decls: readonly StreamDeclInfo[],
  stream: string,
  key: string,
  value: OptionValue | null,
): string {
  const decl = decls.find((d) => d.name === stream);
  if (!decl) {
    if (value === null) return script;
    const builtin = findBuiltinStream(stream);
    if (!builtin) return script;
    const cols = builtin.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    return `CREATE STREAM ${builtin.name} (${cols})\n  WITH (${key} = ${formatOptionValue(value)});\n${script}`;
  }
  const idx = decl.options.findIndex((o) => o.key === key);
  const existing = decl.options[idx];
  if (existing) {
    if (value !== null)
      return splice(script, existing.span.start, existing.span.end, `${key} = ${formatOptionValue(value)}`);
    // Remove the option together with one neighbouring comma.
    const prev = decl.options[idx - 1];
    const next = decl.options[idx + 1];
    if (next) return splice(script, existing.span.start, next.span.start, '');
    if (prev) return splice(script, prev.span.end, existing.span.end, '');
    const text = script.slice(decl.span.start, decl.span.end);
    const w = /\s*\bWITH\s*\(\s*[^]*\)\s*$/i.exec(text);
    return w ? splice(script, decl.span.start + w.index, decl.span.end, '') : script;
  }
  if (value === null) return script;
  const text = script.slice(decl.span.start, decl.span.end);
  const close = decl.span.start + text.lastIndexOf(')');
  const entry = `${key} = ${formatOptionValue(value)}`;
  const last = decl.options[decl.options.length - 1];
  if (last) return splice(script, last.span.end, last.span.end, `, ${entry}`);
  if (/\bWITH\s*\(\s*\)\s*$/i.test(text)) return splice(script, close, close, entry);
  return splice(script, decl.span.end, decl.span.end, ` WITH (${entry})`);
}

function splice(s: string, start: number, end: number, text: string): string {
  return s.slice(0, start) + text + s.slice(end);
}
