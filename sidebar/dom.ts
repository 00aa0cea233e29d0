/**
 * DOM helpers. Everything is written with textContent: nothing from the server or a channel
 * (product names, buyer messages, error texts) ever becomes HTML.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`sidebar: #${id} is missing from index.html`);
  return e as T;
}

export function button(text: string, cls?: string): HTMLButtonElement {
  const b = el('button', text, cls);
  b.type = 'button';
  return b;
}

/** A link to another site, opened in a new tab; only http(s), so a server value cannot run script. */
export function externalLink(text: string, url: string): HTMLAnchorElement | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const a = el('a', text, 'external');
  a.href = parsed.toString();
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}
