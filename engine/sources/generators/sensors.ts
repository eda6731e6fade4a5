/** `sensors`: device_id is the key; each device sits at one site; readings drift slowly per device. */
import { findBuiltinStream } from '../../core/builtin-streams';
import type { GeneratorOptions } from '../../core/stream-options';
import { normalAt, streamKey, uniform, valueNoise } from '../prng';
import { copyKeys, type GeneratorDef, pad, roundTo, SALT } from './generator-def';
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
  const noiseH1 = streamKey(seed, s + 3);
  const siteOf = (k: number): number => Math.floor(uniform(seed, k, s + 5) * SITES.length);
  const drift = (k: number, channel: number, ts: number): number =>
    valueNoise(streamKey(seed, SALT.perKey + k * 16 + channel), ts / HOUR) +
    0.3 * valueNoise(streamKey(seed, SALT.perKey + k * 16 + channel + 2), ts / (HOUR / 12));
  return {
    stream: findBuiltinStream('sensors')!,
    columns: [
      {
        name: 'device_id',
        type: 'VARCHAR',
        domain: createStringDomain(o.keys, (k) => `dev-${pad(k + 1, 4)}`),
        readsTime: false,
        fill: (r, n, out) => copyKeys(r.key, n, out, 0),
        draw: { from: 'key', value: (k) => k },
      },
      {
        name: 'site',
        type: 'VARCHAR',
        domain: listDomain(SITES),
        readsTime: false,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) out[j] = siteOf(r.key[j]!);
        },
        draw: { from: 'key', value: siteOf },
      },
      {
        name: 'temperature',
        type: 'DOUBLE',
        domain: null,
        readsTime: true,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) {
            const k = r.key[j]!;
            const offset = (uniform(seed, k, s + 6) - 0.5) * 4; // device placement: ±2 °C
            const t =
              SITE_TEMP[siteOf(k)]! + offset + 4 * drift(k, 0, r.ts[j]!) + 0.1 * normalAt(noiseT1, r.i[j]!);
            out[j] = roundTo(t, 2);
          }
        },
      },
      {
        name: 'humidity',
        type: 'DOUBLE',
        domain: null,
        readsTime: true,
        fill: (r, n, out) => {
          for (let j = 0; j < n; j++) {
            const k = r.key[j]!;
            const h = SITE_HUMIDITY[siteOf(k)]! + 12 * drift(k, 1, r.ts[j]!) + normalAt(noiseH1, r.i[j]!);
            out[j] = roundTo(Math.min(100, Math.max(1, h)), 1);
          }
        },
      },
      {
        name: 'ts',
        type: 'TIMESTAMP',
        domain: null,
        readsTime: true,
        fill: (r, n, out) => out.set(r.ts.subarray(0, n)),
      },
    ],
  };
}
