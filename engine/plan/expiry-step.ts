/**
 * How far past its bound an inner interval join keeps a row before freeing it: a row past its
 * bound never matches again (the probe skips it), so freeing state in steps of 1/64 of the bounds'
 * width changes no output, only how often expiry runs (about once per row without a step) and,
 * by at most that 1/64, how many rows are held. An outer join pads a row the moment its bound
 * passes, so its step is 0.
 */
import type { JoinOp } from './physical-plan';

export function expiryStep(op: JoinOp): number {
  const s = op.strategy;
  if (s.kind !== 'interval' || op.type === 'left' || op.type === 'right' || op.type === 'full') return 0;
  return (s.upper - s.lower) / 64;
}
