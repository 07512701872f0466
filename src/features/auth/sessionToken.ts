// The access token of a `twilio` authentication session. Pure: no vscode import.
//
// Format (stable; other extensions parse it): a JSON object, version 1,
//   {"version":1,"accountSid":"AC…","apiKey":"SK…","apiSecret":"…","region":"us1","edge":"…"}
// `region` and `edge` are present only when the account has them. The field names are those the
// `twilio` helper libraries take: twilio(t.apiKey, t.apiSecret, { accountSid: t.accountSid, region: t.region, edge: t.edge }).
// A later version may add fields; it will not remove or rename these.

export interface SessionCredentials {
  version: 1;
  accountSid: string;
  apiKey: string;
  apiSecret: string;
  region?: string;
  edge?: string;
}

export function formatSessionToken(c: Omit<SessionCredentials, 'version'>): string {
  const out: SessionCredentials = { version: 1, accountSid: c.accountSid, apiKey: c.apiKey, apiSecret: c.apiSecret };
  if (c.region) out.region = c.region;
  if (c.edge) out.edge = c.edge;
  return JSON.stringify(out);
}

/** Parses a token of any version >= 1 that carries the version-1 fields; undefined otherwise. */
export function parseSessionToken(token: string): SessionCredentials | undefined {
  let v: unknown;
  try {
    v = JSON.parse(token);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.version !== 'number' || o.version < 1) return undefined;
  if (typeof o.accountSid !== 'string' || !/^AC[0-9a-fA-F]{32}$/.test(o.accountSid)) return undefined;
  if (typeof o.apiKey !== 'string' || !/^SK[0-9a-fA-F]{32}$/.test(o.apiKey)) return undefined;
  if (typeof o.apiSecret !== 'string' || !o.apiSecret) return undefined;
  const out: SessionCredentials = { version: 1, accountSid: o.accountSid, apiKey: o.apiKey, apiSecret: o.apiSecret };
  if (typeof o.region === 'string') out.region = o.region;
  if (typeof o.edge === 'string') out.edge = o.edge;
  return out;
}

/** Scopes compare as sets: the order an extension lists them in does not matter. */
export function normaliseScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes)].sort();
}

export function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  const x = normaliseScopes(a);
  const y = normaliseScopes(b);
  return x.length === y.length && x.every((s, i) => s === y[i]);
}
