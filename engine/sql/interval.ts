/** Interval units and the `500ms` / `5s` shorthand (dialect §3). */

export type IntervalUnit = 'MILLISECOND' | 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY';

export const INTERVAL_UNITS: Readonly<Record<IntervalUnit, number>> = {
  MILLISECOND: 1,
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

export const SHORTHAND_UNITS: Readonly<Record<string, IntervalUnit>> = {
  ms: 'MILLISECOND',
  s: 'SECOND',
  m: 'MINUTE',
  h: 'HOUR',
  d: 'DAY',
};

export const UNIT_SHORTHAND: Readonly<Record<IntervalUnit, string>> = {
  MILLISECOND: 'ms',
  SECOND: 's',
  MINUTE: 'm',
  HOUR: 'h',
  DAY: 'd',
};

/** `SECOND`, `seconds`, … → the unit; undefined if unknown. */
export function intervalUnit(word: string): IntervalUnit | undefined {
  const up = word.toUpperCase();
  const singular = up.endsWith('S') ? up.slice(0, -1) : up;
  if (up in INTERVAL_UNITS) return up as IntervalUnit;
  if (singular in INTERVAL_UNITS) return singular as IntervalUnit;
  return undefined;
}

/** All spellings, for "did you mean". */
export const UNIT_WORDS: readonly string[] = Object.keys(INTERVAL_UNITS).flatMap((u) => [u, `${u}S`]);

/** Parses `5s`, `500ms`, `1.5h` → { amount, unit }; undefined if not shorthand. */
export function parseShorthand(text: string): { amount: number; unit: IntervalUnit } | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = SHORTHAND_UNITS[m[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  return { amount: Number(m[1]), unit };
}

/** Parses option-style interval text: `'1s'`, `'500 ms'`, `'2 SECONDS'`, or a plain number of ms. */
export function parseIntervalText(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const sh = parseShorthand(t.replace(/\s+/g, ''));
  if (sh) return sh.amount * INTERVAL_UNITS[sh.unit];
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(t);
  if (!m) return undefined;
  const unit = intervalUnit(m[2]!);
  return unit === undefined ? undefined : Number(m[1]) * INTERVAL_UNITS[unit];
}

/**
 * ms → a Flink interval literal in the largest exact unit. Flink has neither
 * MILLISECOND literals nor the shorthand: sub-second amounts are fractional seconds.
 */
export function flinkInterval(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'DAY'],
    [3_600_000, 'HOUR'],
    [60_000, 'MINUTE'],
    [1000, 'SECOND'],
  ];
  for (const [size, unit] of units)
    if (ms % size === 0 && ms >= size) return `INTERVAL '${ms / size}' ${unit}`;
  return `INTERVAL '${ms / 1000}' SECOND`;
}
