// Finds Twilio credentials in process environment variables and parsed .env files. Pure.
export interface FoundCredentials {
  source: string;
  accountSid: string;
  auth: 'authToken' | 'apiKey';
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  region?: string;
  edge?: string;
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const KEY_SID = /^SK[0-9a-fA-F]{32}$/;
const TOKEN = /^[0-9a-fA-F]{32}$/;
const SECRET = /^[A-Za-z0-9]{32}$/;

/** Reads one set of variables; undefined unless it holds a usable, well-formed pair. */
export function credentialsFrom(vars: Record<string, string | undefined>, source: string): FoundCredentials | undefined {
  const accountSid = vars.TWILIO_ACCOUNT_SID?.trim();
  if (!accountSid || !ACCOUNT_SID.test(accountSid)) return undefined;
  const region = vars.TWILIO_REGION?.trim() || undefined;
  const edge = vars.TWILIO_EDGE?.trim() || undefined;
  const keySid = vars.TWILIO_API_KEY?.trim();
  const keySecret = vars.TWILIO_API_SECRET?.trim();
  if (keySid && keySecret && KEY_SID.test(keySid) && SECRET.test(keySecret)) {
    return { source, accountSid, auth: 'apiKey', apiKeySid: keySid, apiKeySecret: keySecret, region, edge };
  }
  const token = vars.TWILIO_AUTH_TOKEN?.trim();
  if (token && TOKEN.test(token)) return { source, accountSid, auth: 'authToken', authToken: token, region, edge };
  return undefined;
}

/**
 * Credentials in the process environment and in the workspace's `.env` files. The files count
 * only in a trusted workspace: in Restricted Mode they are the workspace author's, and connecting
 * them with one click would hand this editor an attacker's account (whose keys and tokens the
 * user might then put to use).
 */
export function findEnvironmentCredentials(
  env: Record<string, string | undefined>,
  envFiles: Array<{ label: string; assignments: Array<{ name: string; value: string }> }>,
  opts: { workspaceTrusted: boolean },
): FoundCredentials[] {
  const out: FoundCredentials[] = [];
  const fromEnv = credentialsFrom(env, 'environment');
  if (fromEnv) out.push(fromEnv);
  if (!opts.workspaceTrusted) return out;
  for (const f of envFiles) {
    const vars: Record<string, string> = {};
    for (const a of f.assignments) vars[a.name] = a.value;
    const found = credentialsFrom(vars, f.label);
    if (found && !out.some((o) => o.accountSid === found.accountSid)) out.push(found);
  }
  return out;
}
