/**
 * `datagen`: a generator made from a stream's declared columns, the way
 * Flink's datagen connector fills a pasted `CREATE TABLE … WITH ('connector' =
 * 'datagen')` (issue #17). Each column follows its `fields.<column>.*` recipe
 * (engine/core/datagen-fields.ts); like every generator, row i is a pure
 * function of (options, i), so partitions and resumed sources agree.
 */
import type { GeneratorOptions } from '../../core/stream-options';
import { datagenFields, type DatagenField } from '../../core/datagen-fields';
import type { Field } from '../../core/types';
import { mix32, streamKey, TWO_POW_32 } from '../prng';
import { type ColumnGen, type GeneratorDef, rowIds, SALT, uniformsOf } from './generator-def';
import { createStringDomain, type StringDomain } from './string-domain';

/** `len` hex characters from 32 random bits: the first 8 are the bits, the rest are mixed from them. */
export function hexString(bits: number, len: number): string {
  let s = '';
  let h = bits >>> 0;
  let round = 0;
  while (s.length < len) {
    s += h.toString(16).padStart(8, '0');
    h = mix32(h ^ Math.imul(++round, 0x9e3779b9));
  }
  return s.slice(0, len);
}

/** Sequence values as strings, indexed by row: a domain as large as the sequence. */
const sequenceDomain = (start: number, rows: number): StringDomain =>
  createStringDomain(rows, (k) => String(start + k));

function column(f: DatagenField, key: number): ColumnGen {
  const base = { name: f.name, type: f.type, domain: null, readsTime: false } as const;
  if (f.kind === 'time')
    return { ...base, readsTime: true, fill: (r, n, out) => out.set(r.ts.subarray(0, n)) };
  if (f.kind === 'sequence') {
    const start = f.start;
    if (f.type === 'VARCHAR')
      return {
        ...base,
        domain: sequenceDomain(start, f.end === null ? 2 ** 53 : Math.max(1, f.end - start + 1)),
        fill: (r, n, out) => out.set(r.i.subarray(0, n)),
      };
    return {
      ...base,
      fill: (r, n, out) => rowIds(r, n, out, start),
    };
  }
  const { min, max } = f;
  switch (f.type) {
    case 'BIGINT': {
      const span = Math.floor(max) - Math.ceil(min) + 1;
      const lo = Math.ceil(min);
      return {
        ...base,
        fill: (r, n, out) => {
          uniformsOf(key, r, n, out);
          for (let j = 0; j < n; j++) out[j] = lo + Math.floor(out[j]! * span);
        },
      };
    }
    case 'DOUBLE':
      return {
        ...base,
        fill: (r, n, out) => {
          uniformsOf(key, r, n, out);
          // Cents, rounded down so values stay below max.
          for (let j = 0; j < n; j++)
            out[j] = Math.max(min, Math.floor((min + out[j]! * (max - min)) * 100) / 100);
        },
      };
    case 'BOOLEAN':
      return {
        ...base,
        fill: (r, n, out) => {
          uniformsOf(key, r, n, out);
          for (let j = 0; j < n; j++) out[j] = out[j]! < 0.5 ? 1 : 0;
        },
      };
    case 'TIMESTAMP': {
      const past = f.maxPast;
      return {
        ...base,
        readsTime: true,
        fill: (r, n, out) => {
          uniformsOf(key, r, n, out);
          for (let j = 0; j < n; j++) out[j] = r.ts[j]! - Math.floor(out[j]! * (past + 1));
        },
      };
    }
    default: {
      // VARCHAR (and the NULL type, which has no values to make): random hex strings.
      const len = f.length;
      return {
        ...base,
        type: 'VARCHAR',
        domain: createStringDomain(TWO_POW_32, (k) => hexString(k, len)),
        fill: (r, n, out) => {
          uniformsOf(key, r, n, out);
          for (let j = 0; j < n; j++) out[j] = Math.floor(out[j]! * TWO_POW_32);
        },
      };
    }
  }
}

/** The generator of a stream with these columns; `timeColumn` follows the time model. */
export function datagenGenerator(
  o: GeneratorOptions,
  stream: string,
  schema: readonly Field[],
  options: Readonly<Record<string, number | string>>,
  timeColumn: string | null,
): GeneratorDef {
  const fields = datagenFields(schema, options, timeColumn);
  return {
    stream: {
      name: stream,
      columns: schema.map((f) => (f.name === timeColumn ? { ...f, nullable: false } : f)),
      // No key column: `keys` and `skew` shape nothing here.
      keyColumn: '',
      doc: 'Made from its declared columns, as Flink datagen makes them.',
    },
    columns: fields.map((f, c) => column(f, streamKey(o.seed, SALT.datagen + c))),
    ...(timeColumn !== null ? { timeColumn } : {}),
  };
}
