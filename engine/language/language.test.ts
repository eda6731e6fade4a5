import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScript } from '../plan/compile';
import { completionsAt, diagnose, formatScript, hoverAt } from './index';

/** Completions at the `|` marker. */
function at(sqlWithCursor: string): { labels: string[]; items: ReturnType<typeof completionsAt> } {
  const offset = sqlWithCursor.indexOf('|');
  const items = completionsAt(sqlWithCursor.replace('|', ''), offset);
  return { labels: items.map((c) => c.label), items };
}

function hover(sqlWithCursor: string): string | undefined {
  const offset = sqlWithCursor.indexOf('|');
  return hoverAt(sqlWithCursor.replace('|', ''), offset)?.contents;
}

describe('diagnose', () => {
  it('is empty for a good script', () => {
    expect(diagnose('SELECT symbol FROM trades')).toEqual([]);
  });
  it('reports problems in every query, not just the last', () => {
    const d = diagnose('SELECT prise FROM trades;\nSELECT symbl FROM trades;\nSELECT side FROM trades');
    expect(d.map((x) => [x.line, x.message])).toEqual([
      [1, 'unknown column `prise` — did you mean `price`?'],
      [2, 'unknown column `symbl` — did you mean `symbol`?'],
    ]);
  });
  it('does not complain about a script that has only DDL yet', () => {
    expect(diagnose('CREATE STREAM s (ts TIMESTAMP);')).toEqual([]);
  });
});

describe('completionsAt', () => {
  it('offers statement starts on an empty script', () => {
    expect(at('|').labels).toEqual(expect.arrayContaining(['SELECT', 'CREATE STREAM', 'EXPLAIN']));
  });
  it('offers streams after FROM, including declared ones', () => {
    const { labels, items } = at('CREATE STREAM mine (ts TIMESTAMP);\nSELECT * FROM |');
    expect(labels).toEqual(expect.arrayContaining(['trades', 'orders', 'sensors', 'clicks', 'mine']));
    expect(items.find((c) => c.label === 'trades')?.kind).toBe('stream');
  });
  it('offers the columns of the stream in scope, functions and the next clauses', () => {
    const { labels, items } = at('SELECT | FROM trades');
    expect(labels).toEqual(expect.arrayContaining(['symbol', 'price', 'ts', 'AVG', 'COUNT', 'FROM']));
    expect(items.find((c) => c.label === 'price')).toMatchObject({
      kind: 'column',
      detail: 'DOUBLE · trades',
    });
    expect(items.find((c) => c.label === 'AVG')).toMatchObject({
      kind: 'function',
      detail: 'AVG(number) → DOUBLE',
    });
  });
  it('offers columns while typing a prefix in WHERE, plus later clauses only', () => {
    const { labels } = at('SELECT symbol FROM trades WHERE pr|');
    expect(labels).toContain('price');
    expect(labels).toContain('GROUP BY');
    expect(labels).not.toContain('FROM');
  });
  it('offers window snippets after WINDOW and modes after EMIT', () => {
    expect(
      at('SELECT COUNT(*) FROM trades WINDOW |').items.some(
        (c) => c.kind === 'snippet' && c.label.startsWith('TUMBLING'),
      ),
    ).toBe(true);
    expect(at('SELECT COUNT(*) FROM trades GROUP BY symbol EMIT |').labels).toEqual(['CHANGES', 'FINAL']);
  });
  it('offers window columns in a windowed query', () => {
    expect(at('SELECT |, COUNT(*) FROM trades WINDOW TUMBLING (5s)').labels).toContain('window_start');
  });
  it('offers the CUMULATE TVF after FROM, and its window columns inside the query', () => {
    expect(at('SELECT * FROM |').labels).toContain('TABLE(CUMULATE(…))');
    expect(
      at(
        "SELECT |, SUM(total_amount) FROM TABLE(CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTE, INTERVAL '1' HOUR)) GROUP BY window_start, window_end",
      ).labels,
    ).toEqual(expect.arrayContaining(['window_start', 'window_end', 'total_amount']));
  });
  it('offers columns after an alias and a dot', () => {
    const { labels } = at('SELECT t.| FROM trades AS t');
    expect(labels).toContain('quantity');
    expect(labels).not.toContain('AVG');
  });
  it('offers WITH options and generator names in CREATE STREAM', () => {
    expect(at('CREATE STREAM s (ts TIMESTAMP) WITH (|').labels).toEqual(
      expect.arrayContaining(['generator', 'rows_per_second', 'seed']),
    );
    expect(at('CREATE STREAM s (ts TIMESTAMP) WITH (seed = 1, generator = |').labels).toEqual([
      "'trades'",
      "'orders'",
      "'sensors'",
      "'clicks'",
      "'payments'",
      "'impressions'",
      "'rates'",
      "'datagen'",
    ]);
    expect(at('CREATE STREAM s (ts |').labels).toContain('TIMESTAMP');
  });
  it('offers interval units after INTERVAL n', () => {
    expect(at("SELECT COUNT(*) FROM trades WINDOW TUMBLING (INTERVAL '5' |").labels).toContain('SECOND');
  });
});

describe('hoverAt', () => {
  it('explains functions with their signature', () => {
    expect(hover('SELECT AV|G(price) FROM trades')).toContain('AVG(number) → DOUBLE');
  });
  it('explains columns with type and stream', () => {
    expect(hover('SELECT pri|ce FROM trades')).toContain('**price** DOUBLE — column of stream trades');
    expect(hover('CREATE STREAM ev (ts TIMESTAMP, a INT);\nSELECT |a FROM ev')).toContain('BIGINT');
  });
  it('explains streams', () => {
    expect(hover('SELECT price FROM tra|des')).toContain('**stream trades**');
  });
  it('explains window keywords and options', () => {
    expect(hover('SELECT COUNT(*) FROM trades WINDOW TUMB|LING (5s)')).toContain('non-overlapping');
    expect(hover('CREATE STREAM s (ts TIMESTAMP) WITH (ke|ys = 5)')).toContain('option keys');
    expect(hover('SELECT ts + 5|00ms FROM trades')).toContain('500 ms');
  });
  it('explains CUMULATE: step before size, windows growing from one start', () => {
    const doc = hover(
      "SELECT COUNT(*) FROM TABLE(CUMU|LATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTE, INTERVAL '1' HOUR)) GROUP BY window_start, window_end",
    );
    expect(doc).toContain('CUMULATE(TABLE t, DESCRIPTOR(ts), step, size)');
    expect(doc).toContain('k = 1 … size/step');
  });
  it('returns the span of the hovered word', () => {
    expect(hoverAt('SELECT price FROM trades', 9)?.span).toEqual({ start: 7, end: 12 });
  });
  it('is null on blanks and punctuation', () => {
    expect(hoverAt('SELECT  price FROM trades', 7)).toBeNull();
  });
});

describe('formatScript', () => {
  it('is exported for the editor', () => {
    expect(formatScript('select 1 from trades')).toBe('SELECT 1\nFROM trades;\n');
  });
});

describe('formatting keeps meaning', () => {
  const dir = join(__dirname, '..', 'testdata', 'conformance');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    it(`${f}: the formatted script compiles to the same plan`, () => {
      const { script } = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { script: string };
      const formatted = formatScript(script);
      expect(formatted).not.toBeNull();
      expect(compileScript(formatted!).plan).toEqual(compileScript(script).plan);
    });
  }
});
