import * as fs from 'node:fs';
import * as path from 'node:path';
import { paths } from '../../local/paths';

/**
 * Nothing from a channel or the server is ever rendered as HTML: the sidebar's and the preview
 * page's code never parse markup from strings (the browser tests check the same with a product
 * named `<img src=x onerror=alert(1)>`).
 */
const root = path.join(paths.build, '..');
const sources = (dir: string) =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [path.join(dir, f), fs.readFileSync(path.join(root, dir, f), 'utf8')] as const);

const HTML_SINKS = /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|srcdoc/;

describe('the sidebar and the preview page write text only', () => {
  it.each([...sources('sidebar'), ...sources('local/preview/browser')])('%s uses no HTML sink', (_file, code) => {
    expect(code).not.toMatch(HTML_SINKS);
  });

  it('and neither does the built sidebar', () => {
    expect(fs.readFileSync(path.join(paths.build, 'Sidebar.html'), 'utf8')).not.toMatch(HTML_SINKS);
  });
});
