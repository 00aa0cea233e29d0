/**
 * The person at the browser presses a page's button (the sandbox's browser has no DOM): a page
 * holding a POST form is answered by submitting it with its hidden fields and its first submit
 * button, as a click on that button would. Used where a provider asks for consent before it
 * redirects (Cafe24's consent page).
 */
export interface FormSubmission {
  url: string;
  body: string;
}

export function firstPostForm(html: string, pageUrl: string): FormSubmission | null {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const attrs = form[1]!;
  if (!/\bmethod\s*=\s*["']?post\b/i.test(attrs)) return null;
  const action = attr(attrs, 'action') ?? '';
  const fields = new URLSearchParams();
  for (const m of form[2]!.matchAll(/<input\b([^>]*)>/gi)) {
    const a = m[1]!;
    const name = attr(a, 'name');
    if (name !== null && (attr(a, 'type') ?? 'text').toLowerCase() === 'hidden') fields.append(name, attr(a, 'value') ?? '');
  }
  const button = /<button\b([^>]*)>/i.exec(form[2]!);
  const buttonName = button ? attr(button[1]!, 'name') : null;
  if (button && buttonName !== null) fields.append(buttonName, attr(button[1]!, 'value') ?? '');
  return { url: new URL(action, pageUrl).toString(), body: fields.toString() };
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  if (!m) return null;
  return unescape(m[2] ?? m[3] ?? m[4] ?? '');
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
