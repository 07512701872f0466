// A bare HTTP client for tests that talk to the emulator directly (contract suite, emulator
// tests): Basic auth, form bodies, and connection failures reported instead of thrown.
import * as http from 'http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RawOptions {
  auth?: { user: string; pass: string };
  form?: Record<string, string | undefined>;
  /** A JSON body (admin endpoint). */
  jsonBody?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Resolves with the response, or with `{ error: code }` when the connection failed. */
export function raw(baseUrl: string, method: string, path: string, opts: RawOptions = {}): Promise<RawResponse & { error?: undefined } | { error: string }> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.form) {
    body = new URLSearchParams(Object.entries(opts.form).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (opts.jsonBody !== undefined) {
    body = JSON.stringify(opts.jsonBody);
    headers['Content-Type'] = 'application/json';
  }
  if (opts.auth) headers.Authorization = `Basic ${Buffer.from(`${opts.auth.user}:${opts.auth.pass}`).toString('base64')}`;
  return new Promise((resolve) => {
    const req = http.request(new URL(path, baseUrl), { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    });
    req.setTimeout(opts.timeoutMs ?? 5000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

/** Like raw(), but a failed connection is a test failure. */
export async function ok(baseUrl: string, method: string, path: string, opts: RawOptions = {}): Promise<RawResponse> {
  const res = await raw(baseUrl, method, path, opts);
  if (res.error !== undefined) throw new Error(`${method} ${path}: connection failed (${res.error})`);
  return res as RawResponse;
}
