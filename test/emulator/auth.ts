// Who is calling, and may they do this? Basic auth with AccountSid + Auth Token or KeySid + secret.
//   Auth Token, Main key  → everything, on their account and its subaccounts
//   Standard key          → no Accounts or Keys resources at all: 401 / 20003 (as Twilio answers);
//                           the balance, Functions and credentials resources are allowed
//   Restricted key        → only what its policy allows, on its own account: 403 / 70051 otherwise
// A parent's Auth Token (and Main keys) reach its subaccounts on the REST API 2010 only; IAM, like
// every Twilio host besides api.twilio.com, answers only for the credentials' own account.
// A deleted key is simply gone from the state, so its credentials fail on the next request.
import { timingSafeEqual } from 'crypto';
import { AccountRecord, EmulatorState, KeyRecord } from './state';
import { errors } from './twilioErrors';

export type Principal =
  | { kind: 'account'; account: AccountRecord }
  | { kind: 'key'; key: KeyRecord; account: AccountRecord };

/** The permission a restricted key needs for each operation the emulator serves. */
export const PERMISSIONS = {
  accountsRead: '/twilio/iam/accounts/read',
  balanceRead: '/twilio/iam/accounts/balance/read',
  keysRead: '/twilio/iam/api-keys/read',
  keysCreate: '/twilio/iam/api-keys/create',
  keysUpdate: '/twilio/iam/api-keys/update',
  keysDelete: '/twilio/iam/api-keys/delete',
  // Twilio names no permissions for the resources below; these follow its
  // /twilio/<product>/<resource>/<action> pattern (an emulator convention, see README).
  servicesRead: '/twilio/serverless/services/read',
  servicesCreate: '/twilio/serverless/services/create',
  servicesUpdate: '/twilio/serverless/services/update',
  servicesDelete: '/twilio/serverless/services/delete',
  environmentsRead: '/twilio/serverless/environments/read',
  environmentsCreate: '/twilio/serverless/environments/create',
  environmentsDelete: '/twilio/serverless/environments/delete',
  variablesRead: '/twilio/serverless/variables/read',
  variablesCreate: '/twilio/serverless/variables/create',
  variablesUpdate: '/twilio/serverless/variables/update',
  variablesDelete: '/twilio/serverless/variables/delete',
  accountCredentialsRead: '/twilio/accounts/credentials/read',
  accountCredentialsCreate: '/twilio/accounts/credentials/create',
  accountCredentialsUpdate: '/twilio/accounts/credentials/update',
  accountCredentialsDelete: '/twilio/accounts/credentials/delete',
  pushCredentialsRead: '/twilio/conversations/credentials/read',
  pushCredentialsCreate: '/twilio/conversations/credentials/create',
  pushCredentialsUpdate: '/twilio/conversations/credentials/update',
  pushCredentialsDelete: '/twilio/conversations/credentials/delete',
} as const;
export type Capability = keyof typeof PERMISSIONS;

/**
 * What a Standard key may do: Twilio's docs give Standard keys every API except the Accounts
 * (/Accounts) and Keys resources. So: the balance, Functions, and both kinds of credentials.
 */
const STANDARD_KEY_REFUSED: ReadonlySet<Capability> = new Set(['accountsRead', 'keysRead', 'keysCreate', 'keysUpdate', 'keysDelete']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authenticate(header: string | undefined, state: EmulatorState): Principal {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) throw errors.authenticate();
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw errors.authenticate();
  const user = decoded.slice(0, colon);
  const pass = decoded.slice(colon + 1);
  const account = state.accounts.get(user);
  // Until it is promoted or deleted, a secondary Auth Token authenticates like the primary, on
  // every API; after a promotion the old primary matches nothing and fails like any wrong token.
  if (account && (same(pass, account.authToken) || (account.secondaryAuthToken !== undefined && same(pass, account.secondaryAuthToken)))) {
    return { kind: 'account', account };
  }
  const key = state.keys.get(user);
  if (key && same(pass, key.secret)) return { kind: 'key', key, account: state.accounts.get(key.accountSid)! };
  throw errors.authenticate();
}

/** Throws unless the principal may use `capability`; standard keys fail as unauthenticated. */
export function authorize(p: Principal, capability: Capability): void {
  if (p.kind === 'account' || p.key.type === 'main') return;
  if (p.key.type === 'standard') {
    if (!STANDARD_KEY_REFUSED.has(capability)) return;
    throw errors.authenticate();
  }
  const needed = PERMISSIONS[capability];
  if (!p.key.policy?.allow.includes(needed)) throw errors.permissionDenied(needed);
}

/**
 * Which Twilio API a request is for: the REST API 2010 (api.twilio.com), IAM (iam.twilio.com),
 * Accounts v1 (accounts.twilio.com), Serverless v1 (serverless.twilio.com) or Conversations v1
 * (conversations.twilio.com). The name is the host's first label.
 */
export type Product = 'api' | 'iam' | 'accounts' | 'serverless' | 'conversations';

/**
 * Whether the principal can see `target`: its own account, or (REST API 2010 only) a subaccount it
 * owns. Twilio's subaccount docs: a parent's credentials reach its subaccounts' v2010 resources;
 * resources on other hosts need the subaccount's own credentials. A subaccount's credentials
 * never reach its parent or its siblings.
 */
export function canSee(p: Principal, target: AccountRecord, product: Product = 'api'): boolean {
  if (target.sid === p.account.sid) return true;
  if (product !== 'api') return false;
  const mayManageSubaccounts = p.kind === 'account' || p.key.type === 'main';
  return mayManageSubaccounts && target.ownerAccountSid === p.account.sid;
}
