// Golden queries: engine/testdata/queries/NAME.sql → NAME.expected.json.
// Regenerate after a deliberate change with UPDATE_GOLDEN=1 (and review the diff).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareGolden,
  compileGolden,
  formatGolden,
  goldenInputName,
  runGolden,
  type GoldenOutput,
} from './golden-support';

const dir = join(__dirname, '../testdata/queries');
const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));

describe('golden queries', () => {
  it('has goldens', () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const f of files) {
    it(f, () => {
      const sql = readFileSync(join(dir, f), 'utf8');
      const input = readFileSync(join(dir, `${goldenInputName(sql)}.input.jsonl`), 'utf8');
      const plan = compileGolden(sql);
      const actual = runGolden(plan, input);
      const expectedPath = join(dir, f.replace(/\.sql$/, '.expected.json'));
      if (process.env['UPDATE_GOLDEN'] || !existsSync(expectedPath))
        writeFileSync(expectedPath, formatGolden(actual));
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as GoldenOutput;
      expect(compareGolden(plan, actual, expected)).toBeNull();
    });
  }
});
