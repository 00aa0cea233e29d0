/**
 * The preview's stand-in for DNS: a browser on this machine cannot reach
 * `https://{mall}.cafe24api.com` nor `script.google.com`, so the links that cross between the
 * product, Cafe24 and Apps Script are rewritten to the preview's own loopback server, which
 * forwards them to the fake Cafe24 and to the runtime's /usercallback.
 */
const CAFE24 = /^https:\/\/([a-z0-9][a-z0-9-]*)\.cafe24api\.com(\/[^\s]*)?$/i;

/** `https://najalran.cafe24api.com/api/v2/…` → `{origin}/cafe24/najalran/api/v2/…`; anything else unchanged. */
export function cafe24ToLoopback(url: string, origin: string): string {
  const m = CAFE24.exec(url);
  return m ? `${origin}/cafe24/${m[1]!.toLowerCase()}${m[2] ?? '/'}` : url;
}

/** Every string in a server answer that is a Cafe24 link (the connect flow's authorize URL). */
export function rewriteCafe24Links(value: unknown, origin: string): unknown {
  if (typeof value === 'string') return cafe24ToLoopback(value, origin);
  if (Array.isArray(value)) return value.map((v) => rewriteCafe24Links(v, origin));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteCafe24Links(v, origin)]));
  return value;
}

/** `/cafe24/{mall}/{path}` → the real-looking URL the fake answers for; null for other paths. */
export function loopbackToCafe24(pathAndQuery: string): string | null {
  const m = /^\/cafe24\/([a-z0-9][a-z0-9-]*)(\/[^\s]*)$/i.exec(pathAndQuery);
  return m ? `https://${m[1]!.toLowerCase()}.cafe24api.com${m[2]}` : null;
}

/**
 * The provider's redirect back to the script (`https://script.google.com/macros/d/{id}/usercallback?…`)
 * → `{origin}/usercallback?…`; null when it is not this script's callback.
 */
export function callbackToLoopback(location: string, scriptId: string, origin: string): string | null {
  let u: URL;
  try {
    u = new URL(location);
  } catch {
    return null;
  }
  if (u.host !== 'script.google.com' || u.pathname !== `/macros/d/${scriptId}/usercallback`) return null;
  return `${origin}/usercallback${u.search}`;
}
