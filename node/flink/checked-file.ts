/**
 * flink/checked.json: for every lesson and seed scenario, whether Flink gave
 * the same rows, and when that was last checked. The suite rewrites it on
 * every run and fails when the committed file was not current: a lesson or
 * scenario missing, one that is not a lesson or scenario any more, or a
 * result (or the rows it was checked on) that changed. Only the dates may
 * differ from the committed file.
 *
 * Shape (stable; the app may show it):
 *   { "flink": "2.3.0",
 *     "lessons":   { "<lesson id>":   Check, … },
 *     "scenarios": { "<scenario id>": Check, … } }
 *   Check = { "result": "same rows as Flink 2.3.0" | "differs from Flink 2.3.0: <reason>",
 *             "same": boolean, "queries": number, "inputRows": number, "checked": "YYYY-MM-DD" }
 * `queries` counts the lesson's SELECTs (each is run on both sides); `inputRows` is what
 * its streams read in the check (totals above 20,000 are cut to 20,000).
 */

export interface Check {
  readonly result: string;
  readonly same: boolean;
  readonly queries: number;
  readonly inputRows: number;
  readonly checked: string;
}

export interface CheckedFile {
  readonly flink: string;
  readonly lessons: Readonly<Record<string, Check>>;
  readonly scenarios: Readonly<Record<string, Check>>;
}

/** One query's outcome: same, or the known difference's reason. */
export interface QueryCheck {
  readonly same: boolean;
  readonly reason: string;
  readonly inputRows: number;
}

export function checkOf(flink: string, queries: readonly QueryCheck[], date: string): Check {
  const same = queries.every((q) => q.same);
  const reasons = [...new Set(queries.filter((q) => !q.same).map((q) => q.reason))];
  return {
    result: same ? `same rows as Flink ${flink}` : `differs from Flink ${flink}: ${reasons.join(' ')}`,
    same,
    queries: queries.length,
    inputRows: Math.max(0, ...queries.map((q) => q.inputRows)),
    checked: date,
  };
}

const undated = (f: CheckedFile): string =>
  JSON.stringify(f, (k, v: unknown) => (k === 'checked' ? undefined : v));

const undatedCheck = (c: Check): string => JSON.stringify({ ...c, checked: undefined });

/** What makes `committed` out of date compared with `now` (empty: current). */
export function staleness(committed: CheckedFile | null, now: CheckedFile): string[] {
  if (committed === null) return ['flink/checked.json is missing'];
  const out: string[] = [];
  if (committed.flink !== now.flink)
    out.push(`it was checked against Flink ${committed.flink}, not ${now.flink}`);
  for (const kind of ['lessons', 'scenarios'] as const) {
    const was = committed[kind] ?? {};
    const is = now[kind];
    for (const id of Object.keys(is))
      if (!(id in was)) out.push(`${kind}/${id} has no entry`);
      else if (undatedCheck(was[id]!) !== undatedCheck(is[id]!))
        out.push(`${kind}/${id} was ${undatedCheck(was[id]!)}, now ${undatedCheck(is[id]!)}`);
    for (const id of Object.keys(was))
      if (!(id in is)) out.push(`${kind}/${id} is listed but no longer exists`);
  }
  if (out.length === 0 && undated(committed) !== undated(now))
    out.push('its entries are out of order or malformed');
  return out;
}

export function parseCheckedFile(text: string | null): CheckedFile | null {
  if (text === null) return null;
  try {
    const f = JSON.parse(text) as CheckedFile;
    return typeof f === 'object' && f !== null && typeof f.flink === 'string' ? f : null;
  } catch {
    return null;
  }
}

export const formatCheckedFile = (f: CheckedFile): string => JSON.stringify(f, null, 2) + '\n';
