// Where API requests go. Normally to Twilio; for development and tests, to a local emulator named
// by TWILIO_CREDENTIALS_API_ORIGIN. Only a plain http origin on the loopback interface is accepted,
// so a stray or hostile value can never send credentials to another machine. No `twilio` import.

export const API_ORIGIN_ENV = 'TWILIO_CREDENTIALS_API_ORIGIN';

export type OriginCheck = { ok: true; origin: string } | { ok: false; reason: string };

function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  // WHATWG URL parsing has already normalised forms such as 127.1 or 0x7f.0.0.1 to dotted quads.
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return !!m && m[1] === '127' && m.slice(2).every((o) => Number(o) <= 255);
}

/** Accepts `http://<loopback>[:port][/]` and nothing else; the reason never repeats the value. */
export function checkApiOrigin(value: string): OriginCheck {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: 'it is not a URL' };
  }
  if (url.protocol !== 'http:') return { ok: false, reason: 'only http:// is accepted (the emulator speaks plain HTTP)' };
  if (url.username || url.password) return { ok: false, reason: 'it must not contain credentials' };
  if (!isLoopbackHost(url.hostname)) return { ok: false, reason: 'the host must be loopback (127.0.0.0/8, localhost or [::1])' };
  if (url.pathname !== '/' || url.search || url.hash) return { ok: false, reason: 'it must be an origin without path, query or fragment' };
  return { ok: true, origin: url.origin };
}

export interface ApiOriginSetting {
  /** The accepted origin, e.g. http://127.0.0.1:4010. */
  origin?: string;
  /** Why a set value was ignored, ready for the log. */
  rejected?: string;
}

/** Reads TWILIO_CREDENTIALS_API_ORIGIN, saying why a set value was ignored. */
export function readApiOrigin(env: NodeJS.ProcessEnv): ApiOriginSetting {
  const value = env[API_ORIGIN_ENV];
  if (value === undefined || value.trim() === '') return {};
  const check = checkApiOrigin(value);
  return check.ok ? { origin: check.origin } : { rejected: `${API_ORIGIN_ENV} is ignored: ${check.reason}.` };
}

/** The emulator origin from the environment, or undefined (unset or rejected: use Twilio). */
export function resolveApiOrigin(env: NodeJS.ProcessEnv): string | undefined {
  return readApiOrigin(env).origin;
}
