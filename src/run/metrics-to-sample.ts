/** Turns the runtime's cumulative metrics into one chart sample (the time breakdown as per-interval shares). */
import type { RunMetrics, TimeBreakdown } from '../../engine/worker/index';
import type { ChartSample } from '../charts/metrics-history';

export function metricsToSample(m: RunMetrics, previous: TimeBreakdown | null): ChartSample {
  const b = m.breakdown;
  const p = previous ?? {
    computeMs: 0,
    checkMs: 0,
    sourceMs: 0,
    messagingMs: 0,
    lockWaitMs: 0,
    waitingMs: 0,
  };
  const compute = Math.max(0, b.computeMs - p.computeMs);
  const check = Math.max(0, b.checkMs - p.checkMs);
  const source = Math.max(0, b.sourceMs - p.sourceMs);
  const messaging = Math.max(0, b.messagingMs - p.messagingMs);
  const waiting = Math.max(0, b.waitingMs - p.waitingMs + (b.lockWaitMs - p.lockWaitMs));
  const total = compute + check + source + messaging + waiting;
  const pct = (x: number): number => (total > 0 ? (100 * x) / total : 0);
  return {
    t: m.elapsedMs / 1000,
    inRate: m.inputRowsPerSec,
    outRate: m.outputRowsPerSec,
    rowsIn: m.rowsIn,
    rowsOut: m.rowsOut,
    p50: m.latencyP50Ms,
    p99: m.latencyP99Ms,
    watermarkLag: Number.isFinite(m.watermarkLagMs) ? m.watermarkLagMs : null,
    compute: pct(compute),
    check: pct(check),
    source: pct(source),
    messaging: pct(messaging),
    waiting: pct(waiting),
  };
}
