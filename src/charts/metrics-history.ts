/** One live-metrics sample as the charts draw it (derived from the runtime's samples). */
export interface ChartSample {
  /** Seconds since the run started. */
  readonly t: number;
  /** Rows per second over the last sampling interval (~150 ms: as jumpy as batch arrivals). */
  readonly inRate: number;
  readonly outRate: number;
  /** Rows so far (for rates over a longer window, see smoothRates). */
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly watermarkLag: number | null;
  /** Share of the last interval's worker time, in percent. */
  readonly compute: number;
  /** Checksumming the outputs (what lets variants be compared). */
  readonly check: number;
  /** Generating or parsing rows. */
  readonly source: number;
  readonly messaging: number;
  readonly waiting: number;
}

/** Samples kept for the charts: the last ~12 s (bounded memory and drawing cost on endless runs). */
export const MAX_SAMPLES = 80;

export function appendSample(history: readonly ChartSample[], s: ChartSample): ChartSample[] {
  const next =
    history.length >= MAX_SAMPLES ? history.slice(history.length - MAX_SAMPLES + 1) : history.slice();
  next.push(s);
  return next;
}

/** 1234567 → "1.23M", for axes and labels. */
export function formatRate(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(2)}G`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(1)}K`;
  return v.toFixed(0);
}

/**
 * Rates over the last `windowSec` instead of the last sampling interval. Rows arrive in batches
 * (4,096 by default), so a 150 ms interval sees one batch or none and a steady 20,000 rows/s
 * drew as a saw between 0 and 50K; a one-second window shows the rate people asked for.
 */
export function smoothRates(samples: readonly ChartSample[], windowSec = 1): ChartSample[] {
  let j = 0;
  return samples.map((s, i) => {
    while (j < i && s.t - samples[j + 1]!.t >= windowSec) j++;
    const from = samples[j]!;
    const dt = s.t - from.t;
    if (j === i || dt <= 0) return s;
    return { ...s, inRate: (s.rowsIn - from.rowsIn) / dt, outRate: (s.rowsOut - from.rowsOut) / dt };
  });
}
