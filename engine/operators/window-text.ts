/** How windows and watermarks read in late-row reports. */
import { formatTimestamp } from '../expr/expr-runtime';

export function timeText(ms: number): string {
  if (ms === Infinity) return '+∞';
  if (ms === -Infinity) return '−∞';
  return formatTimestamp(ms);
}

export function lateDetail(start: number, end: number, wm: number, session: boolean): string {
  const rule = session ? 'end' : 'end−1';
  return `late for window [${timeText(start)}, ${timeText(end)}): watermark ${timeText(wm)} ≥ ${rule}`;
}
