/**
 * A browser-like HTTP client for the login flows: a cookie jar, redirects followed one by one
 * (each hop recorded), HTML forms read from the page. It only ever talks to loopback: a redirect
 * to any other host is an error, never a request.
 */

export interface Hop {
  method: string;
  url: string;
  status: number;
  location?: string;
}

export interface Page {
  url: string;
  status: number;
  headers: Headers;
  body: string;
  hops: Hop[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function assertLoopback(url: string): URL {
  const u = new URL(url);
  if (!LOOPBACK.has(u.hostname)) throw new Error(`refusing to send a request to ${u.origin} (not loopback): ${url}`);
  return u;
}

interface Cookie {
  value: string;
  path: string;
  expires?: number;
}

export class Browser {
  /** host (without port, as browsers scope cookies) → name → cookie */
  readonly jar = new Map<string, Map<string, Cookie>>();

  cookies(url: string): Map<string, string> {
    const u = new URL(url);
    const now = Date.now();
    const out = new Map<string, string>();
    for (const [name, c] of this.jar.get(u.hostname) ?? []) {
      if (c.expires !== undefined && c.expires <= now) continue;
      if (!u.pathname.startsWith(c.path)) continue;
      out.set(name, c.value);
    }
    return out;
  }

  private store(url: string, setCookies: string[]): void {
    const u = new URL(url);
    let host = this.jar.get(u.hostname);
    if (!host) this.jar.set(u.hostname, (host = new Map()));
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const cookie: Cookie = { value: pair!.slice(eq + 1), path: '/' };
      for (const a of attrs) {
        const [k, v = ''] = a.split('=');
        const key = k!.toLowerCase();
        if (key === 'path') cookie.path = v;
        else if (key === 'max-age') cookie.expires = Date.now() + Number(v) * 1000;
        else if (key === 'expires' && cookie.expires === undefined) cookie.expires = Date.parse(v);
        // Secure cookies are kept: browsers treat http://127.0.0.1 as a secure context.
      }
      if (cookie.expires !== undefined && cookie.expires <= Date.now()) host.delete(name);
      else host.set(name, cookie);
    }
  }

  /** One request, no redirect followed. */
  async fetch(
    url: string,
    init: {
      method?: string;
      form?: Record<string, string>;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Page> {
    assertLoopback(url);
    const headers: Record<string, string> = { ...init.headers };
    const jar = this.cookies(url);
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const method = init.method ?? (init.form ? 'POST' : 'GET');
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.store(url, res.headers.getSetCookie());
    const text = await res.text();
    const location = res.headers.get('location') ?? undefined;
    return {
      url,
      status: res.status,
      headers: res.headers,
      body: text,
      hops: [{ method, url, status: res.status, location }],
    };
  }

  /**
   * A request and every redirect after it, as a browser would follow them. `stopAt` ends the walk
   * before a redirect target it matches (an OAuth client's redirect_uri that nothing serves).
   */
  async navigate(
    url: string,
    init: {
      method?: string;
      form?: Record<string, string>;
      headers?: Record<string, string>;
    } = {},
    stopAt: (url: string) => boolean = () => false,
  ): Promise<Page> {
    const hops: Hop[] = [];
    let page = await this.fetch(url, init);
    hops.push(...page.hops);
    while (page.status >= 300 && page.status < 400 && page.headers.get('location')) {
      if (hops.length > 12) throw new Error(`more than 12 redirects: ${hops.map((h) => h.url).join(' → ')}`);
      const next = new URL(page.headers.get('location')!, page.url).toString();
      if (stopAt(next)) break;
      page = await this.fetch(next);
      hops.push(...page.hops);
    }
    return { ...page, hops };
  }
}

export interface Form {
  action: string;
  method: string;
  fields: Record<string, string>;
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The forms of an HTML page, with their hidden and pre-filled inputs, actions resolved against the page URL. */
export function forms(page: Page): Form[] {
  return [...page.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((m) => {
    const attr = (tag: string, name: string) =>
      decode(new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1] ?? '');
    const fields: Record<string, string> = {};
    for (const input of m[2]!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input[0], 'name');
      if (name) fields[name] = attr(input[0], 'value');
    }
    return {
      action: new URL(attr(m[1]!, 'action') || page.url, page.url).toString(),
      method: (attr(m[1]!, 'method') || 'GET').toUpperCase(),
      fields,
    };
  });
}

/** Submits a form as a browser would (GET puts the fields in the query). */
export function submit(
  browser: Browser,
  form: Form,
  values: Record<string, string> = {},
  stopAt?: (url: string) => boolean,
): Promise<Page> {
  const fields = { ...form.fields, ...values };
  if (form.method === 'GET') {
    const u = new URL(form.action);
    for (const [k, v] of Object.entries(fields)) u.searchParams.set(k, v);
    return browser.navigate(u.toString(), {}, stopAt);
  }
  return browser.navigate(form.action, { method: 'POST', form: fields }, stopAt);
}
