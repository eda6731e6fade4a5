/** Axis ticks for the live charts: round numbers, computed per draw (cheap, no DOM). */

export interface Ticks {
  /** The top of the axis (≥ the data's maximum, a multiple of `step`). */
  readonly max: number;
  readonly step: number;
  readonly values: readonly number[];
}

/** 0 … a round maximum ≥ `max` in about `count` steps of 1, 2, 2.5 or 5 × 10^k. */
export function niceTicks(max: number, count = 4): Ticks {
  const m = Number.isFinite(max) && max > 0 ? max : 1;
  const rough = m / count;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const n = rough / pow;
  const step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * pow;
  const top = Math.ceil(m / step - 1e-9) * step;
  const values: number[] = [];
  for (let k = 0; k * step <= top + step / 2; k++) values.push(k * step);
  return { max: top, step, values };
}

const TIME_STEPS = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

/** Multiples of a round number of seconds inside [from, to], about `count` of them. */
export function timeTicks(from: number, to: number, count = 5): number[] {
  const span = Math.max(to - from, 1e-3);
  const step = TIME_STEPS.find((s) => span / s <= count) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step - 1e-9) * step; t <= to + 1e-9; t += step)
    ticks.push(Number(t.toFixed(3)));
  return ticks;
}

/** 12 → "12s", 2.5 → "2.5s", 90 → "1:30". */
export function formatSeconds(t: number): string {
  if (t < 60) return `${Number(t.toFixed(1))}s`;
  const m = Math.floor(t / 60);
  const s = Math.round(t - m * 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}
