import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from wherever this code runs (sources under jest, or out/). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'appsscript.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export const paths = {
  get build(): string {
    return path.join(repoRoot(), 'build');
  },
  get out(): string {
    return path.join(repoRoot(), 'out');
  },
};
