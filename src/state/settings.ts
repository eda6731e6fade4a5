/** Run settings the user picks beside the script (all of them travel in a shared link). */

import { VARIANTS as VARIANT_INFO, type VariantName } from '../../engine/worker/index';

export type Variant = VariantName;
export const VARIANTS: readonly Variant[] = VARIANT_INFO.map((v) => v.name);

export interface Settings {
  readonly variant: Variant;
  /** Rows per batch for `batched` and `partitioned` (1 … 65536). */
  readonly batchSize: number;
  /** Workers for `partitioned` and `shared-lock` (1 … 8). */
  readonly partitions: number;
  /** Where partitioned rows come from: generated in each worker, or scattered by one source. */
  readonly source: 'local' | 'central';
  /** Cap on engine state (groups, open windows, distinct sets). */
  readonly stateLimit: number;
  /** Output rows kept in the results view. */
  readonly keepRows: number;
}

// Direct by default: source and engine share one worker, so even a flat-out run leaves the
// page's thread free (batched and per-record generate on the page's side, as the seeds did).
export const DEFAULT_SETTINGS: Settings = {
  variant: 'direct',
  batchSize: 4096,
  partitions: 2,
  source: 'local',
  stateLimit: 1_000_000,
  keepRows: 5000,
};

const clampInt = (v: unknown, lo: number, hi: number, d: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : d;

/** Accepts anything (a decoded link may be old or hand-edited) and returns valid settings. */
export function sanitizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  return {
    variant: VARIANTS.includes(r['variant'] as Variant) ? (r['variant'] as Variant) : d.variant,
    batchSize: clampInt(r['batchSize'], 1, 65536, d.batchSize),
    partitions: clampInt(r['partitions'], 1, 8, d.partitions),
    source: r['source'] === 'central' ? 'central' : 'local',
    stateLimit: clampInt(r['stateLimit'], 1000, 100_000_000, d.stateLimit),
    keepRows: clampInt(r['keepRows'], 100, 100_000, d.keepRows),
  };
}
