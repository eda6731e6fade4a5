/** Drains a source into plain arrays, column by column: for tests and tools that compare whole streams. */
import type { ColumnBatch } from '../../core/batch';
import { batchDictionaries, readValue } from '../../core/batch-rows';
import type { Value } from '../../core/types';

export interface DrainedStream {
  readonly seq: number[];
  readonly wm: number[];
  readonly wmAfter: number[];
  readonly columns: Value[][];
}

export function drainSource(
  src: { next(maxRows: number): ColumnBatch | null },
  width: number,
  batchSize: number,
): DrainedStream {
  const out: DrainedStream = {
    seq: [],
    wm: [],
    wmAfter: [],
    columns: Array.from({ length: width }, () => []),
  };
  for (let b = src.next(batchSize); b; b = src.next(batchSize)) {
    const dicts = batchDictionaries(b);
    for (let i = 0; i < b.length; i++) {
      out.seq.push(b.seq[i]!);
      out.wm.push(b.wm[i]!);
    }
    out.wmAfter.push(b.wmAfter);
    for (let c = 0; c < width; c++) {
      const col = b.columns[c]!;
      const values = out.columns[c]!;
      for (let i = 0; i < b.length; i++) values.push(readValue(col, i, dicts[c]!));
    }
  }
  return out;
}
