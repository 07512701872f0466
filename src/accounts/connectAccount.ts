import * as vscode from 'vscode';
import type { Services } from '../services/services';
import type { AccountCredentials } from '../twilio/types';
import { TwilioApiError } from '../twilio/errors';
import { orCancel } from '../util/commands';
import { validateAccountSid, validateAuthToken, validateApiKeySid, validateApiKeySecret, normalizeSid, normalizeAuthToken } from '../validation/credentials';
import { REGIONS } from '../validation/regions';
import { argsOf, field, type Fields } from '../util/commandArgs';

/** The argument object that answers the connect prompts (documented in the README). */
export interface ConnectArgs {
  label?: string;
  accountSid?: string;
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  region?: string;
  edge?: string;
}

export const connectFields: Fields<ConnectArgs> = {
  label: field.string, accountSid: field.string, authToken: field.string, apiKeySid: field.string, apiKeySecret: field.string, region: field.string, edge: field.string,
};

/** Connect is not about a row: a tree row gives no answers. */
export const connectArgs = argsOf(connectFields, { fromRow: false });

const TITLE = () => vscode.l10n.t('Connect Twilio Account');

/**
 * Connects an account: label → Account SID → Auth Token or Main key → region/edge, verified
 * with Twilio before anything is stored. Returns the Account SID, or undefined when cancelled.
 */
export async function connectAccount(s: Services, args: ConnectArgs = {}): Promise<string | undefined> {
  const invalid = invalidArgs(args);
  if (invalid) throw new Error(invalid);
  const steps = 5;
  let label = args.label ?? orCancel(
    await vscode.window.showInputBox({
      title: `${TITLE()} (1/${steps})`,
      prompt: vscode.l10n.t('A label for this account in the sidebar'),
      placeHolder: vscode.l10n.t('e.g. Production, Staging, My side project'),
      value: args.accountSid ? s.accounts.get(args.accountSid)?.label : undefined,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a label.')),
    }),
  ).trim();
  const typedSid = args.accountSid ?? orCancel(
    await vscode.window.showInputBox({
      title: `${TITLE()} (2/${steps})`,
      prompt: vscode.l10n.t('Account SID (starts with AC, from the Twilio Console home page)'),
      placeHolder: 'AC…',
      ignoreFocusOut: true,
      validateInput: (v) => validateAccountSid(v.trim()),
    }),
  ).trim();
  const accountSid = normalizeSid(typedSid);

  let method: 'authToken' | 'apiKey';
  if (args.authToken) method = 'authToken';
  else if (args.apiKeySid || args.apiKeySecret) method = 'apiKey';
  else {
    const pick = orCancel(
      await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Auth Token'), description: vscode.l10n.t('the account\'s primary credential'), method: 'authToken' as const },
          { label: vscode.l10n.t('Main API key'), description: vscode.l10n.t('SID and secret of a Main key (recommended)'), method: 'apiKey' as const },
        ],
        { title: `${TITLE()} (3/${steps})`, placeHolder: vscode.l10n.t('How should this editor authenticate?'), ignoreFocusOut: true },
      ),
    );
    method = pick.method;
  }

  let creds: AccountCredentials;
  if (method === 'authToken') {
    const authToken = args.authToken ?? orCancel(
      await vscode.window.showInputBox({
        title: `${TITLE()} (4/${steps})`,
        prompt: vscode.l10n.t('Auth Token (stored only in this editor\'s secret storage)'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => validateAuthToken(v.trim()),
      }),
    ).trim();
    creds = { accountSid, auth: { kind: 'authToken', authToken: normalizeAuthToken(authToken) } };
  } else {
    const keySid = args.apiKeySid ?? orCancel(
      await vscode.window.showInputBox({
        title: `${TITLE()} (4/${steps})`,
        prompt: vscode.l10n.t('Main API key SID (starts with SK)'),
        placeHolder: 'SK…',
        ignoreFocusOut: true,
        validateInput: (v) => validateApiKeySid(v.trim()),
      }),
    ).trim();
    const keySecret = args.apiKeySecret ?? orCancel(
      await vscode.window.showInputBox({
        title: `${TITLE()} (4/${steps})`,
        prompt: vscode.l10n.t('Main API key secret (stored only in this editor\'s secret storage)'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => validateApiKeySecret(v.trim()),
      }),
    ).trim();
    creds = { accountSid, auth: { kind: 'apiKey', keySid: normalizeSid(keySid), keySecret } };
  }
  s.log.protect(creds.auth.kind === 'authToken' ? creds.auth.authToken : creds.auth.keySecret);

  let region = args.region;
  let edge = args.edge;
  if (region === undefined && !hasPromptAnswers(args)) {
    const pick = orCancel(
      await vscode.window.showQuickPick(
        REGIONS.map((r) => ({ label: r.id, description: r.label, detail: r.id === 'us1' ? vscode.l10n.t('Default') : vscode.l10n.t('edge: {0}', r.defaultEdge), region: r })),
        { title: `${TITLE()} (5/${steps})`, placeHolder: vscode.l10n.t('Region (us1 unless your account uses another)'), ignoreFocusOut: true },
      ),
    );
    region = pick.region.id;
    edge = pick.region.id === 'us1' ? undefined : pick.region.defaultEdge;
  }
  creds = { ...creds, region: region === 'us1' ? undefined : region, edge };

  const api = await s.twilio.get();
  const info = await vscode.window.withProgress(
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
  if (!info) return undefined;
  // An empty label (connecting from .env or the environment) takes Twilio's name for the account.
  if (!label) label = info.friendlyName || accountSid;

  await s.accounts.connect(
    {
      accountSid,
      label,
      auth: method,
      apiKeySid: creds.auth.kind === 'apiKey' ? creds.auth.keySid : undefined,
      region: creds.region,
      edge: creds.edge,
      friendlyName: info.friendlyName,
    },
    creds.auth.kind === 'authToken' ? creds.auth.authToken : creds.auth.keySecret,
  );
  s.keys.forget(accountSid);
  s.log.info(`Connected account ${accountSid} (${method === 'authToken' ? 'Auth Token' : 'Main key ' + (creds.auth.kind === 'apiKey' ? creds.auth.keySid : '')}).`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Connected "{0}" ({1}).', label, info.friendlyName || accountSid));
  return accountSid;
}

/** Programmatic callers that give credentials get no further prompts for region. */
function hasPromptAnswers(args: ConnectArgs): boolean {
  return !!(args.authToken || args.apiKeySecret);
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
