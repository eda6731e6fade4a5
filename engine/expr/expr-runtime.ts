/**
 * Runtime helpers that compiled kernels call. Kernels receive this object as a
 * parameter (never as pasted source), so everything here is ordinary code.
 * NULL is `null`; every helper is only called with non-NULL arguments unless
 * it says otherwise. Results that are not numbers (NaN) become NULL.
 */

const likeCache = new Map<string, RegExp>();

/** SQL LIKE pattern → anchored RegExp (`%` any run, `_` one char, everything else literal). */
export function likeToRegExp(pattern: string): RegExp {
  let src = '^';
  for (const ch of pattern) {
    if (ch === '%') src += '[\\s\\S]*';
    else if (ch === '_') src += '[\\s\\S]';
    else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(src + '$', 'u');
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** TIMESTAMP → 'YYYY-MM-DD HH:MM:SS.mmm' (UTC), as Flink prints it. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** ISO-8601 or 'YYYY-MM-DD HH:MM:SS[.fff]' (taken as UTC) → epoch ms, or null. */
export function parseTimestamp(s: string): number | null {
  let t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(t)) {
    t = t.replace(' ', 'T');
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(t)) t += 'Z';
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    t += 'T00:00:00Z';
  } else {
    return null;
  }
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

function num(x: number): number | null {
  return x === x ? x : null;
}

export const exprRuntime = {
  like(s: string, pattern: string): boolean {
    let re = likeCache.get(pattern);
    if (re === undefined) {
      re = likeToRegExp(pattern);
      if (likeCache.size > 1000) likeCache.clear();
      likeCache.set(pattern, re);
    }
    return re.test(s);
  },
  toStr(v: number | string | boolean, type: string): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (type === 'TIMESTAMP') return formatTimestamp(v);
    return String(v);
  },
  toNum(v: number | string | boolean, integer: boolean): number | null {
    let x: number;
    if (typeof v === 'boolean') x = v ? 1 : 0;
    else if (typeof v === 'string') {
      const s = v.trim();
      x = s === '' ? NaN : Number(s);
    } else x = v;
    if (x !== x || !Number.isFinite(x)) return null;
    return integer ? Math.trunc(x) : x;
  },
  toTimestamp(v: number | string | boolean): number | null {
    if (typeof v === 'number') return Math.trunc(v);
    if (typeof v === 'boolean') return null;
    const s = v.trim();
    if (/^-?\d+(\.\d+)?$/.test(s)) return Math.trunc(Number(s));
    return parseTimestamp(s);
  },
  toBool(v: number | string | boolean): boolean | null {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 't' || s === '1') return true;
    if (s === 'false' || s === 'f' || s === '0') return false;
    return null;
  },
  /** Half away from zero, like SQL. */
  round(x: number, digits: number): number {
    const f = Math.pow(10, Math.trunc(digits));
    const r = Math.round(Math.abs(x) * f) / f;
    return x < 0 ? -r : r;
  },
  sqrt: (x: number): number | null => num(Math.sqrt(x)),
  ln: (x: number): number | null => (x <= 0 ? null : Math.log(x)),
  exp: (x: number): number => Math.exp(x),
  power: (x: number, y: number): number | null => num(Math.pow(x, y)),
  /** 1-based start; a start before 1 eats into the length, as in SQL. */
  substring(s: string, start: number, len: number | undefined): string {
    const chars = Array.from(s);
    let from = Math.trunc(start) - 1;
    let to = len === undefined ? chars.length : from + Math.trunc(len);
    if (from < 0) from = 0;
    if (to > chars.length) to = chars.length;
    return to <= from ? '' : chars.slice(from, to).join('');
  },
  length: (s: string): number => Array.from(s).length,
};

export type ExprRuntime = typeof exprRuntime;
