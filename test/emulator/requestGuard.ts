// What the emulator refuses before routing, because it listens on loopback where a browser can
// reach it too:
//  - a Host header that is not its own loopback address (DNS rebinding: a page on attacker.example,
//    re-resolved to 127.0.0.1, would otherwise read the state, secrets included);
//  - an admin POST whose body is not declared `application/json` (a cross-site form or no-cors
//    fetch can send text/plain, form or multipart bodies without a preflight; JSON needs one, which
//    the emulator never grants).
// DELETE needs a preflight anyway; GET only reads, and the Host check covers reading cross-site.
import type * as http from 'http';

export interface Refusal {
  status: number;
  message: string;
}

/** Host names that mean this machine's loopback interface, where the emulator listens. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost']);

/** Whether `host` (a Host header) names the emulator itself: a loopback name with its port. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return false;
  return LOOPBACK_NAMES.has(url.hostname.toLowerCase()) && (url.port || '80') === String(port);
}

/** Why a request must not be served, or undefined when it may be. */
export function refusal(req: http.IncomingMessage, pathname: string, port: number): Refusal | undefined {
  if (!isOwnHost(req.headers.host, port)) {
    return { status: 403, message: `Host must be 127.0.0.1:${port} or localhost:${port}` };
  }
  const admin = pathname.startsWith('/__emulator/');
  if (admin && (req.method ?? '').toUpperCase() === 'POST' && !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return { status: 415, message: 'admin POSTs must send Content-Type: application/json' };
  }
  return undefined;
}
