/** `WITH (…)` option validation and normalisation against engine/core/stream-options.ts. */
import { findStreamOption, STREAM_OPTIONS, type StreamOption } from '../core/stream-options';
import type { OptionDef, SqlExpr } from '../sql/ast';
import { didYouMean } from '../sql/edit-distance';
import { INTERVAL_UNITS, parseIntervalText } from '../sql/interval';
import type { Problem } from './problems';

const KNOWN = STREAM_OPTIONS.map((o) => o.name);

/** Validates options; returns the normalised values (intervals/timestamps → ms). */
export function normaliseOptions(
  options: readonly OptionDef[],
  problems: Problem[],
): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const o of options) {
    const spec = findStreamOption(o.key);
    if (!spec) {
      problems.push({
        message: `unknown option \`${o.key}\`${didYouMean(o.key, KNOWN)} (known options: ${KNOWN.join(', ')})`,
        span: o.keySpan,
      });
      continue;
    }
    if (o.key in out) {
      problems.push({ message: `option \`${o.key}\` is given twice`, span: o.keySpan });
      continue;
    }
    const v = optionValue(spec, o.value);
    if (typeof v === 'string' && v.startsWith('\u0000'))
      problems.push({ message: v.slice(1), span: o.value.span });
    else out[spec.name] = v;
  }
  return out;
}

type Literal =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'interval'; value: number }
  | null;

function literal(e: SqlExpr): Literal {
  switch (e.kind) {
    case 'number':
      return { kind: 'number', value: Number(e.text) };
    case 'string':
      return { kind: 'string', value: e.value };
    case 'interval':
      return { kind: 'interval', value: e.amount * INTERVAL_UNITS[e.unit] };
    case 'unary': {
      const inner = e.op === '-' ? literal(e.arg) : null;
      return inner && inner.kind === 'number' ? { kind: 'number', value: -inner.value } : null;
    }
    default:
      return null;
  }
}

function range(spec: StreamOption): string {
  if (spec.min !== undefined && spec.max !== undefined) return ` between ${spec.min} and ${spec.max}`;
  return '';
}

/** The normalised value, or an error message prefixed with NUL. */
function optionValue(spec: StreamOption, e: SqlExpr): number | string {
  const lit = literal(e);
  const got = lit === null ? 'an expression' : lit.kind === 'string' ? `'${lit.value}'` : String(lit.value);
  const bad = (what: string): string => `\u0000option \`${spec.name}\` expects ${what}, got ${got}`;
  if (lit === null) return bad('a literal value');
  switch (spec.kind) {
    case 'name': {
      const v = lit.kind === 'string' ? lit.value.toLowerCase() : '';
      const values = spec.values ?? [];
      if (!values.includes(v))
        return bad(`one of ${values.map((x) => `'${x}'`).join(', ')}${didYouMean(v, values)}`);
      return v;
    }
    case 'interval': {
      const ms = lit.kind === 'string' ? parseIntervalText(lit.value) : lit.value;
      if (ms === undefined || !Number.isFinite(ms))
        return bad("an interval such as '1s', '500ms' or INTERVAL '2' SECOND");
      return inRange(spec, ms, bad, 'an interval') ?? ms;
    }
    case 'timestamp': {
      if (lit.kind === 'string') {
        const t = /^\d+$/.test(lit.value.trim()) ? Number(lit.value) : Date.parse(lit.value);
        if (!Number.isFinite(t))
          return bad("epoch milliseconds or an ISO timestamp like '2024-01-01T00:00:00Z'");
        return t;
      }
      if (lit.kind === 'interval' || !Number.isInteger(lit.value))
        return bad('epoch milliseconds (a whole number)');
      return lit.value;
    }
    default: {
      if (lit.kind === 'interval') return bad('a number');
      const n =
        lit.kind === 'string' && lit.value.trim() !== ''
          ? Number(lit.value)
          : lit.kind === 'number'
            ? lit.value
            : NaN;
      if (!Number.isFinite(n))
        return bad(spec.kind === 'fraction' ? 'a fraction between 0 and 1' : 'a number');
      if (spec.kind === 'fraction') return n < 0 || n > 1 ? bad('a fraction between 0 and 1') : n;
      if (spec.kind === 'integer' && !Number.isInteger(n)) return bad(`a whole number${range(spec)}`);
      return inRange(spec, n, bad, spec.kind === 'integer' ? 'a whole number' : 'a number') ?? n;
    }
  }
}

function inRange(
  spec: StreamOption,
  n: number,
  bad: (w: string) => string,
  what: string,
): string | undefined {
  if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max))
    return bad(`${what}${range(spec)}`);
  return undefined;
}
