/**
 * The whole playground state that a link carries: the script and every run
 * setting, as compressed JSON in the URL fragment (never sent to a server).
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { DEFAULT_SETTINGS, type Settings, sanitizeSettings } from './settings';

const PARAM = 's';

export interface SharedState {
  readonly script: string;
  readonly settings: Settings;
}

export function encodeSharedState(state: SharedState): string {
  return `#${PARAM}=${compressToEncodedURIComponent(JSON.stringify({ v: 1, ...state }))}`;
}

/** Decodes a URL fragment; a damaged or foreign fragment gives null, never an exception. */
export function decodeSharedState(hash: string): SharedState | null {
  const match = new RegExp(`[#&]${PARAM}=([^&]+)`).exec(hash);
  if (!match?.[1]) return null;
  try {
    const json = decompressFromEncodedURIComponent(match[1]);
    if (!json) return null;
    const data: unknown = JSON.parse(json);
    if (typeof data !== 'object' || data === null) return null;
    const { script, settings } = data as { script?: unknown; settings?: unknown };
    if (typeof script !== 'string') return null;
    return { script, settings: sanitizeSettings(settings ?? DEFAULT_SETTINGS) };
  } catch {
    return null;
  }
}
