/**
 * A tiny, strict XML 1.0 parser for the tests: it throws on anything not well-formed (unbalanced
 * or mismatched tags, bad names, unquoted or duplicate attributes, stray '&' or '<', undeclared
 * namespace prefixes, illegal characters, text outside the root) and returns a plain tree. No DTDs:
 * the writer never emits one, so meeting one is an error. Not for untrusted or huge input.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME_START = 'A-Za-z_:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME = `[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*`;
const TAG_NAME = new RegExp(NAME, 'y');
const ATTR = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
const TAG_END = /\s*(\/?)>/y;
const END_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');
const REF = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  const out = raw.replace(REF, (_, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return `\u0001${PREDEFINED[named]!}`;
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
    const ch = cp <= 0x10ffff ? String.fromCodePoint(cp) : '\u0000';
    if (ILLEGAL.test(ch)) throw new Error(`XML: character reference to illegal character at ${at}`);
    return `\u0001${ch}`; // mark so a decoded '&' is not mistaken for a bare one below
  });
  if (out.replace(/\u0001&/g, '').includes('&')) throw new Error(`XML: bare or unknown '&' reference at ${at}`);
  return out.replace(/\u0001/g, '');
}

/** Parses a whole document and returns its root element; throws with an offset on any fault. */
export function parseXml(src: string): XmlElement {
  const bad = ILLEGAL.exec(src);
  if (bad) throw new Error(`XML: illegal character U+${bad[0].codePointAt(0)!.toString(16)} at ${bad.index}`);
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (src.startsWith('<?xml', i)) {
    const end = src.indexOf('?>', i);
    if (end < 0 || !/^<\?xml\s+version\s*=\s*["']1\.[0-9]["']/.test(src.slice(i, end))) throw new Error('XML: bad declaration');
    i = end + 2;
  }
  const stack: { el: XmlElement; ns: Set<string> }[] = [];
  let root: XmlElement | null = null;
  const n = src.length;

  const checkPrefix = (qname: string, ns: Set<string>, at: number): void => {
    const colon = qname.indexOf(':');
    if (colon < 0) return;
    const prefix = qname.slice(0, colon);
    if (prefix !== 'xml' && prefix !== 'xmlns' && !ns.has(prefix)) throw new Error(`XML: undeclared prefix "${prefix}" at ${at}`);
  };

  while (i < n) {
    if (src[i] !== '<') {
      const j = src.indexOf('<', i);
      const raw = src.slice(i, j < 0 ? n : j);
      if (raw.includes(']]>')) throw new Error(`XML: "]]>" in text at ${i}`);
      if (stack.length === 0) {
        if (raw.trim() !== '') throw new Error(`XML: text outside the root element at ${i}`);
      } else {
        // Parsers turn CRLF and lone CR into LF; a CR survives only as a character reference.
        stack[stack.length - 1]!.el.children.push(decode(raw.replace(/\r\n?/g, '\n'), i));
      }
      i = j < 0 ? n : j;
      continue;
    }
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0 || src.slice(i + 4, end).includes('--')) throw new Error(`XML: bad comment at ${i}`);
      i = end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i);
      if (end < 0 || stack.length === 0) throw new Error(`XML: bad CDATA at ${i}`);
      stack[stack.length - 1]!.el.children.push(src.slice(i + 9, end));
      i = end + 3;
      continue;
    }
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i);
      if (end < 0 || /^<\?xml[\s?]/i.test(src.slice(i, i + 6))) throw new Error(`XML: bad processing instruction at ${i}`);
      i = end + 2;
      continue;
    }
    if (src.startsWith('<!', i)) throw new Error(`XML: DTD or unknown markup at ${i}`);
    if (src.startsWith('</', i)) {
      END_TAG.lastIndex = i;
      const m = END_TAG.exec(src);
      const top = stack.pop();
      if (!m || !top || top.el.name !== m[1]) throw new Error(`XML: unexpected end tag at ${i}`);
      i = END_TAG.lastIndex;
      continue;
    }
    // Start tag.
    TAG_NAME.lastIndex = i + 1;
    const nameMatch = TAG_NAME.exec(src);
    if (!nameMatch) throw new Error(`XML: bad tag name at ${i}`);
    if (stack.length === 0 && root) throw new Error(`XML: second root element at ${i}`);
    const el: XmlElement = { name: nameMatch[0], attrs: {}, children: [] };
    let p = TAG_NAME.lastIndex;
    for (;;) {
      ATTR.lastIndex = p;
      const a = ATTR.exec(src);
      if (!a) break;
      if (a[1]! in el.attrs) throw new Error(`XML: duplicate attribute ${a[1]} at ${p}`);
      // Attribute-value normalisation: literal whitespace becomes a space; references survive.
      el.attrs[a[1]!] = decode((a[2] ?? a[3]!).replace(/[\t\n\r]/g, ' '), p);
      p = ATTR.lastIndex;
    }
    TAG_END.lastIndex = p;
    const close = TAG_END.exec(src);
    if (!close) throw new Error(`XML: malformed start tag <${el.name}> at ${i}`);
    i = TAG_END.lastIndex;

    const ns = new Set(stack.length ? stack[stack.length - 1]!.ns : []);
    for (const k of Object.keys(el.attrs)) if (k.startsWith('xmlns:')) ns.add(k.slice(6));
    checkPrefix(el.name, ns, i);
    for (const k of Object.keys(el.attrs)) if (!k.startsWith('xmlns:')) checkPrefix(k, ns, i);

    if (stack.length) stack[stack.length - 1]!.el.children.push(el);
    else root = el;
    if (close[1] !== '/') stack.push({ el, ns });
  }
  if (stack.length) throw new Error(`XML: unclosed <${stack[stack.length - 1]!.el.name}>`);
  if (!root) throw new Error('XML: no root element');
  return root;
}

/** Child elements with the given name. */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** Concatenated text of the element and its descendants. */
export function textContent(node: XmlNode): string {
  return typeof node === 'string' ? node : node.children.map(textContent).join('');
}

/** Every descendant element (depth first) with the given name. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of childElements(e)) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
