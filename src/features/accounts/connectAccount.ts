import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import type { AccountCredentials, AccountInfo } from '../../core/twilio/types';
import { TwilioApiError } from '../../core/twilio/errors';
import { runSteps, InputStep, StepPrompts } from '../../platform/multiStepInput';
import { validateAccountSid, validateAuthToken, validateApiKeySid, validateApiKeySecret, normalizeSid, normalizeAuthToken } from '../../core/validation/credentials';
import { REGIONS } from '../../core/validation/regions';
import { argsOf, consent, field, prefill, type Args, type Fields } from '../../core/util/commandArgs';
import { CONNECT_STEPS, ConnectArgs, ConnectState, ConnectStepName, connectState } from './connectSteps';

export type { ConnectArgs };

/** A secret can be typed by the user, or given by this extension's own callers: it cannot be shown for review. */
export const connectFields: Fields<ConnectArgs> = {
  label: prefill(field.string), accountSid: prefill(field.string), authToken: consent(field.string), apiKeySid: prefill(field.string),
  apiKeySecret: consent(field.string), region: prefill(field.string), edge: prefill(field.string),
};

/** Connect is not about a row: a tree row gives no answers. */
export const connectArgs = argsOf(connectFields, { fromRow: false });

const TITLE = () => vscode.l10n.t('Connect Twilio Account');

/**
 * Connects an account: label → Account SID → Auth Token or Main key → region/edge, verified
 * with Twilio before anything is stored. Returns the Account SID, or undefined when cancelled.
 */
export async function connectAccount(s: Services, args: Args<ConnectArgs> = {}): Promise<string | undefined> {
  const invalid = invalidArgs({ ...args.prefill, ...args });
  if (invalid) throw new Error(invalid);
  const state = await askConnectDetails(s, args);
  const creds = credentialsOf(state);
  s.log.protect(secretOf(creds));
  const info = await verifyWithTwilio(s, creds);
  if (!info) return undefined;
  return storeAccount(s, state, creds, info);
}

/** The connect prompts, as one flow with Back; the arguments answer the steps they cover. */
export async function askConnectDetails(s: Services, args: Args<ConnectArgs>): Promise<ConnectState> {
  const run: Record<ConnectStepName, (p: StepPrompts, st: ConnectState) => Promise<void>> = {
    label: (p, st) => askLabel(s, p, st),
    accountSid: askAccountSid,
    method: askMethod,
    authToken: askAuthToken,
    apiKeySid: askApiKeySid,
    apiKeySecret: askApiKeySecret,
    region: askRegion,
  };
  const steps: Array<InputStep<ConnectState>> = CONNECT_STEPS.map((step) => ({ ...step, run: run[step.name] }));
  return runSteps(TITLE(), steps, connectState(args));
}

async function askLabel(s: Services, p: StepPrompts, st: ConnectState): Promise<void> {
  const known = st.accountSid ? s.accounts.get(st.accountSid)?.label : undefined;
  st.label = (
    await p.input({
      prompt: vscode.l10n.t('A label for this account in the sidebar'),
      placeholder: vscode.l10n.t('e.g. Production, Staging, My side project'),
      value: st.label ?? known,
      validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a label.')),
    })
  ).trim();
}

async function askAccountSid(p: StepPrompts, st: ConnectState): Promise<void> {
  st.accountSid = (
    await p.input({
      prompt: vscode.l10n.t('Account SID (starts with AC, from the Twilio Console home page)'),
      placeholder: 'AC…',
      value: st.accountSid,
      validate: (v) => validateAccountSid(v.trim()),
    })
  ).trim();
}

async function askMethod(p: StepPrompts, st: ConnectState): Promise<void> {
  const pick = await p.pick(
    [
      { label: vscode.l10n.t('Auth Token'), description: vscode.l10n.t('the account\'s primary credential'), method: 'authToken' as const },
      { label: vscode.l10n.t('Main API key'), description: vscode.l10n.t('SID and secret of a Main key (recommended)'), method: 'apiKey' as const },
    ],
    { placeholder: vscode.l10n.t('How should this editor authenticate?'), chosen: (i) => i.method === st.method },
  );
  st.method = pick.method;
}

async function askAuthToken(p: StepPrompts, st: ConnectState): Promise<void> {
  st.authToken = (
    await p.input({
      prompt: vscode.l10n.t('Auth Token (stored only in this editor\'s secret storage)'),
      password: true,
      validate: (v) => validateAuthToken(v.trim()),
    })
  ).trim();
}

async function askApiKeySid(p: StepPrompts, st: ConnectState): Promise<void> {
  st.apiKeySid = (
    await p.input({
      prompt: vscode.l10n.t('Main API key SID (starts with SK)'),
      placeholder: 'SK…',
      value: st.apiKeySid,
      validate: (v) => validateApiKeySid(v.trim()),
    })
  ).trim();
}

async function askApiKeySecret(p: StepPrompts, st: ConnectState): Promise<void> {
  st.apiKeySecret = (
    await p.input({
      prompt: vscode.l10n.t('Main API key secret (stored only in this editor\'s secret storage)'),
      password: true,
      validate: (v) => validateApiKeySecret(v.trim()),
    })
  ).trim();
}

async function askRegion(p: StepPrompts, st: ConnectState): Promise<void> {
  const pick = await p.pick(
    REGIONS.map((r) => ({ label: r.id, description: r.label, detail: r.id === 'us1' ? vscode.l10n.t('Default') : vscode.l10n.t('edge: {0}', r.defaultEdge), region: r })),
    { placeholder: vscode.l10n.t('Region (us1 unless your account uses another)'), chosen: (i) => i.region.id === st.region },
  );
  st.region = pick.region.id;
  st.edge = pick.region.id === 'us1' ? undefined : pick.region.defaultEdge;
}

/** The credentials the answers make; us1 is Twilio's default and is not written down. */
function credentialsOf(st: ConnectState): AccountCredentials {
  const accountSid = normalizeSid(st.accountSid!);
  const auth: AccountCredentials['auth'] =
    st.method === 'apiKey'
      ? { kind: 'apiKey', keySid: normalizeSid(st.apiKeySid!), keySecret: st.apiKeySecret! }
      : { kind: 'authToken', authToken: normalizeAuthToken(st.authToken!) };
  return { accountSid, auth, region: st.region === 'us1' ? undefined : st.region, edge: st.edge };
}

function secretOf(creds: AccountCredentials): string {
  return creds.auth.kind === 'authToken' ? creds.auth.authToken : creds.auth.keySecret;
}

/** Asks Twilio for the account with these credentials; undefined when the user cancelled. */
async function verifyWithTwilio(s: Services, creds: AccountCredentials): Promise<AccountInfo | undefined> {
  const api = await s.twilio.get();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Verifying credentials with Twilio…'), cancellable: true },
    async (_p, token) => {
      const ctl = new AbortController();
      token.onCancellationRequested(() => ctl.abort());
      try {
        return await api.verify(creds, { signal: ctl.signal });
      } catch (e) {
        const err = TwilioApiError.from(e);
        if (err.kind === 'cancelled') return undefined;
        throw err;
      }
    },
  );
}

/** Stores the verified account and its secret, and says so. */
async function storeAccount(s: Services, st: ConnectState, creds: AccountCredentials, info: AccountInfo): Promise<string> {
  const { accountSid, auth } = creds;
  // An empty label (connecting from .env or the environment) takes Twilio's name for the account.
  const label = st.label || info.friendlyName || accountSid;
  await s.accounts.connect(
    {
      accountSid,
      label,
      auth: auth.kind,
      apiKeySid: auth.kind === 'apiKey' ? auth.keySid : undefined,
      region: creds.region,
      edge: creds.edge,
      friendlyName: info.friendlyName,
    },
    secretOf(creds),
  );
  s.keys.forget(accountSid);
  s.log.info(`Connected account ${accountSid} (${auth.kind === 'authToken' ? 'Auth Token' : 'Main key ' + auth.keySid}).`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Connected "{0}" ({1}).', label, info.friendlyName || accountSid));
  return accountSid;
}

function invalidArgs(a: ConnectArgs): string | undefined {
  const checks: Array<[string | undefined, (v: string) => string | undefined]> = [
    [a.accountSid, validateAccountSid],
    [a.authToken, validateAuthToken],
    [a.apiKeySid, validateApiKeySid],
    [a.apiKeySecret, validateApiKeySecret],
  ];
  for (const [v, check] of checks) {
    if (v !== undefined) {
      const m = check(v);
      if (m) return m;
    }
  }
  if (a.authToken && (a.apiKeySid || a.apiKeySecret)) return vscode.l10n.t('Give either authToken or apiKeySid and apiKeySecret, not both.');
  if (a.region !== undefined && !REGIONS.some((r) => r.id === a.region)) return vscode.l10n.t('Unknown region "{0}".', a.region);
  return undefined;
}
