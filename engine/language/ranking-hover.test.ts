import { describe, expect, it } from 'vitest';
import { hoverAt } from './hover';

const BID = `CREATE STREAM bid (bidtime TIMESTAMP, price DOUBLE, item VARCHAR, WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND);\n`;
const TVF = `TABLE(TUMBLE(TABLE bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))`;

/** The hover text on the ROW_NUMBER of a query over `from` ranked by `over` and bounded by `bound`. */
function hoverOn(over: string, bound = 'rn <= 3', from = 'bid'): string {
  const sql = `${BID}SELECT * FROM (SELECT *, ROW_NUMBER() OVER (${over}) AS rn FROM ${from}) WHERE ${bound};`;
  return hoverAt(sql, sql.indexOf('ROW_NUMBER') + 2)?.contents ?? '';
}

describe('hover on ROW_NUMBER() names the ranking pattern the query is', () => {
  it('a regular Top-N: updating, and where it runs', () => {
    const h = hoverOn('PARTITION BY item ORDER BY price DESC');
    expect(h).toContain('ROW_NUMBER() OVER (…) → BIGINT');
    expect(h).toContain('**Top-N**: the first 3 rows per key');
    expect(h).toContain('retracts (-D)');
    expect(h).toContain('Partitioned by its PARTITION BY keys.');
    expect(hoverOn('ORDER BY price')).toContain(
      'Runs on one partition: a Top-N without PARTITION BY ranks all rows together.',
    );
  });

  it('deduplication: last row (updating), first row (append-only)', () => {
    expect(hoverOn('PARTITION BY item ORDER BY bidtime DESC', 'rn = 1')).toContain(
      '**Deduplication keeping the last row**',
    );
    expect(hoverOn('PARTITION BY item ORDER BY bidtime', 'rn = 1')).toContain(
      '**Deduplication keeping the first row**',
    );
    // Without rn = 1 it stays a row window that numbers rows.
    const sql = `${BID}SELECT item, ROW_NUMBER() OVER (PARTITION BY item ORDER BY bidtime) AS rn FROM bid;`;
    expect(hoverAt(sql, sql.indexOf('ROW_NUMBER') + 2)?.contents).toContain('**Row number by event time**');
  });

  it('window Top-N and window deduplication: once per window', () => {
    expect(hoverOn('PARTITION BY window_start, window_end ORDER BY price DESC', 'rn <= 3', TVF)).toContain(
      '**Window Top-N**: the first 3 rows',
    );
    const dedup = hoverOn('PARTITION BY window_start, window_end ORDER BY bidtime DESC', 'rn = 1', TVF);
    expect(dedup).toContain('**Window deduplication** (top 1 per window): keeps the last row');
    expect(dedup).toContain('emitted once');
  });

  it('says why when the ranking is not planned', () => {
    expect(hoverOn('PARTITION BY item ORDER BY price', 'price > 1')).toContain(
      'Not planned: this ROW_NUMBER() is unbounded',
    );
  });
});
