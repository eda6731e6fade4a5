// The files below `dir` whose names end with `suffix`, depth first.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function findFiles(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findFiles(p, suffix));
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
}
