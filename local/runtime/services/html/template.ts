/**
 * HtmlTemplate evaluation without running script code on the host.
 *
 * Real Apps Script compiles a template to JavaScript and runs it in the script's global scope.
 * Here the script runs in another thread, so scriptlets cannot be executed; what is supported
 * covers the idioms add-on sidebars use:
 *   <?= expr ?>   printed HTML-escaped        <?!= expr ?>   printed as is
 * where expr is a variable assigned on the template (`t.orders = …`), a property path on one
 * (`a.b`, `a[0]`, `a['k']`), a string or number literal, `JSON.stringify(path)`, or
 * `include('File')` (the near-universal helper that inlines another bundle file's content).
 * Standard scriptlets `<? code ?>` (loops, ifs) and any other expression throw, naming the
 * scriptlet, so nothing silently renders differently from live.
 */
import { GasException } from '../../errors';

export interface TemplateContext {
  vars: Readonly<Record<string, unknown>>;
  /** Raw content of a bundle file, for include('name'). */
  include(name: string): string;
}

export type Segment = { kind: 'text'; text: string } | { kind: 'print' | 'raw' | 'code'; code: string };

/** Splits template text into literal text and scriptlets. */
export function segments(template: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('<?', i);
    if (open < 0) {
      out.push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) out.push({ kind: 'text', text: template.slice(i, open) });
    const close = template.indexOf('?>', open + 2);
    if (close < 0) throw new GasException('Unterminated scriptlet: missing ?>');
    const body = template.slice(open + 2, close);
    if (body.startsWith('!=')) out.push({ kind: 'raw', code: body.slice(2) });
    else if (body.startsWith('=')) out.push({ kind: 'print', code: body.slice(1) });
    else out.push({ kind: 'code', code: body });
    i = close + 2;
  }
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function evaluateTemplate(template: string, ctx: TemplateContext): string {
  let out = '';
  for (const s of segments(template)) {
    if (s.kind === 'text') out += s.text;
    else if (s.kind === 'code') {
      if (s.code.trim().replace(/;$/, '').trim() !== '') throw unsupported(`<?${s.code}?>`);
    } else {
      const value = evaluateExpression(s.code, ctx, s.kind === 'raw' ? `<?!=${s.code}?>` : `<?=${s.code}?>`);
      const text = value === null || value === undefined ? '' : String(value);
      out += s.kind === 'raw' ? text : escapeHtml(text);
    }
  }
  return out;
}

function unsupported(scriptlet: string): GasException {
  return new GasException(
    `The local HtmlService cannot run this scriptlet: ${scriptlet.trim()}. Only variables, property paths, literals, JSON.stringify(…) and include('…') are supported.`,
  );
}

const IDENT = /^[A-Za-z_$][\w$]*/;

function evaluateExpression(code: string, ctx: TemplateContext, scriptlet: string): unknown {
  const expr = code.trim().replace(/;$/, '').trim();
  const str = /^(['"])((?:\\.|(?!\1).)*)\1$/.exec(expr);
  if (str) return (str[2] as string).replace(/\\(.)/g, '$1');
  if (/^-?\d+(\.\d+)?$/.test(expr)) return Number(expr);
  const include = /^include\(\s*(['"])([^'"]+)\1\s*\)$/.exec(expr);
  if (include) return ctx.include(include[2] as string);
  const json = /^JSON\.stringify\((.*)\)$/.exec(expr);
  if (json) return JSON.stringify(path((json[1] as string).trim(), ctx, scriptlet));
  return path(expr, ctx, scriptlet);
}

/** a, a.b, a[0], a['k'] — a ReferenceError for an unassigned variable, as live. */
function path(expr: string, ctx: TemplateContext, scriptlet: string): unknown {
  const head = IDENT.exec(expr);
  if (!head) throw unsupported(scriptlet);
  const name = head[0];
  if (!Object.hasOwn(ctx.vars, name)) {
    const e = new Error(`${name} is not defined`);
    e.name = 'ReferenceError';
    throw e;
  }
  let value: unknown = ctx.vars[name];
  let rest = expr.slice(name.length);
  while (rest.length > 0) {
    const step = /^\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(?:(\d+)|'([^']*)'|"([^"]*)")\s*\])/.exec(rest);
    if (!step) throw unsupported(scriptlet);
    const key = step[1] ?? step[2] ?? step[3] ?? step[4] ?? '';
    if (value === null || value === undefined) {
      throw new TypeError(`Cannot read properties of ${value === null ? 'null' : 'undefined'} (reading '${key}')`);
    }
    value = (value as Record<string, unknown>)[key];
    rest = rest.slice(step[0].length);
  }
  return value;
}

/**
 * An approximation of the code Apps Script generates (getCode): the live text differs in
 * detail; only its shape (text appended, expressions printed) is kept.
 */
export function templateCode(template: string): string {
  const parts = segments(template).map((s) => {
    if (s.kind === 'text') return `output._ = ${JSON.stringify(s.text)};`;
    if (s.kind === 'print') return `output._$ = ${s.code.trim()};`;
    if (s.kind === 'raw') return `output._ = ${s.code.trim()};`;
    return s.code.trim();
  });
  return `(function() { var output = HtmlService.initTemplate(''); ${parts.join(' ')} return output.$out; })();`;
}
