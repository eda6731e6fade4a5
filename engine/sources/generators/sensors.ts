/** `sensors`: device_id is the key; each device sits at one site; readings drift slowly per device. */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { gaussianAt, streamKey, uniform, valueNoise } from '../prng';
import { type GeneratorDef, pad, roundTo, SALT } from './generator-def';
import { createStringDomain, listDomain } from './string-domain';

const SITES = ['berlin', 'lisbon', 'oslo', 'austin', 'osaka', 'lagos', 'lima', 'perth'];
/** Typical temperature (°C) and relative humidity (%) per site. */
const SITE_TEMP = [12, 19, 6, 24, 17, 28, 20, 22];
const SITE_HUMIDITY = [70, 68, 75, 60, 65, 80, 78, 45];
const HOUR = 3_600_000;

export function sensorsGenerator(o: GeneratorOptions): GeneratorDef {
  const seed = o.seed;
  const s = SALT.sensors;
  const noiseT1 = streamKey(seed, s + 1);
  const noiseT2 = streamKey(seed, s + 2);
  const noiseH1 = streamKey(seed, s + 3);
  const noiseH2 = streamKey(seed, s + 4);
  const siteOf = (k: number): number => Math.floor(uniform(seed, k, s + 5) * SITES.length);
  const drift = (k: number, channel: number, ts: number): number =>
    valueNoise(streamKey(seed, SALT.perKey + k * 16 + channel), ts / HOUR) +
    0.3 * valueNoise(streamKey(seed, SALT.perKey + k * 16 + channel + 2), ts / (HOUR / 12));
  return {
    stream: findBuiltinStream('sensors')!,
    columns: [
      { name: 'device_id', type: 'VARCHAR', domain: createStringDomain(o.keys, (k) => `dev-${pad(k + 1, 4)}`), value: (r) => r.key },
      { name: 'site', type: 'VARCHAR', domain: listDomain(SITES), value: (r) => siteOf(r.key) },
      {
        name: 'temperature',
        type: 'DOUBLE',
        domain: null,
        value: (r) => {
          const offset = (uniform(seed, r.key, s + 6) - 0.5) * 4; // device placement: ±2 °C
          const t = SITE_TEMP[siteOf(r.key)]! + offset + 4 * drift(r.key, 0, r.ts) + 0.1 * gaussianAt(noiseT1, noiseT2, r.i);
          return roundTo(t, 2);
        },
      },
      {
        name: 'humidity',
        type: 'DOUBLE',
        domain: null,
        value: (r) => {
          const h = SITE_HUMIDITY[siteOf(r.key)]! + 12 * drift(r.key, 1, r.ts) + gaussianAt(noiseH1, noiseH2, r.i);
          return roundTo(Math.min(100, Math.max(1, h)), 1);
        },
      },
      { name: 'ts', type: 'TIMESTAMP', domain: null, value: (r) => r.ts },
    ],
  };
}
