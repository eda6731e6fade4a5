/**
 * A file given for a stream the script never declares (and that is not
 * built in) gets a schema inferred from its rows: the CLI writes it as a
 * one-line CREATE STREAM in front of the script, and shifts diagnostics back.
 */
import type { Schema } from '../../engine/core/types';

const SIMPLE = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string | null {
  if (name.includes('"') || name === '') return null;
  return `"${name}"`;
}

export function streamIdent(name: string): string | null {
  const lower = name.toLowerCase();
  return SIMPLE.test(lower) ? lower : ident(name);
}

/** `CREATE STREAM name (…);` on one line (no newline), or null if nothing can be declared. */
export function inferredDdl(stream: string, schema: Schema): string | null {
  const name = streamIdent(stream);
  const cols = schema.flatMap((f) => {
    const id = ident(f.name);
    return id === null ? [] : [`${id} ${f.type}`];
  });
  if (name === null || cols.length === 0) return null;
  return `CREATE STREAM ${name} (${cols.join(', ')}); `;
}
