import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * The project's files as Apps Script loads them: every `.js` file of the bundle folder (and its
 * subfolders), in directory order, each run in the execution's global scope in turn (the order
 * and file names gas-local used, so stack traces name the same files).
 */
export interface CompiledFile {
  file: string;
  script: vm.Script;
}

/** Compiles the bundle's files once; each `script.runInContext(ctx)` is a fresh top-level run. */
export function compiledBundle(dir: string): CompiledFile[] {
  return projectFiles(dir).map((file) => ({ file, script: new vm.Script(fs.readFileSync(file, 'utf8'), { filename: file }) }));
}

function projectFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const file = `${dir}/${name}`;
    if (fs.statSync(file).isDirectory()) out.push(...projectFiles(file));
    else if (path.extname(file) === '.js') out.push(file);
  }
  return out;
}
