// Gathers the credential report: every credential the connected accounts hold, read from Twilio,
// and where each is used, from what this editor knows. Secret values (the stored tokens and key
// secrets, the workspace's .env values, Functions variable values) are fingerprinted or classified
// in memory here and dropped; only descriptions reach the report.
import * as vscode from 'vscode';
import { fingerprint } from '../../core/detection';
import { assessPushCredential } from '../../core/twilio/pushCredentialHealth';
import { TwilioApiError } from '../../core/twilio/errors';
import { classifyFunctionsVariable, type KnownSecretOwner, type KnownSecrets, type VariableCredential } from '../../core/twilio/variableKinds';
import type { AccountCredentials, ApiKey, KeyPage } from '../../core/twilio/types';
import type { Services } from '../../services/services';
import type { CredentialLists } from '../../services/credentialLists';
import { holdsKeySecret, type AccountRecord } from '../../services/model';
import { workspaceRoots } from '../../workspace/files/editorWorkspace';
import { functionsProjectOf, isDeployedVariable, type FunctionsProject } from '../../workspace/dotenv/functionsProject';
import { keyTypeLabel } from '../keys/commands/keyRef';
import type { CredentialReportData, CredentialUse, ReportCredential } from './report';

/** A Functions variable that holds a credential, described (never its value). */
export interface FunctionsCredentialVariable {
  sid: string;
  service: string;
  environment: string;
  key: string;
  holds: VariableCredential;
}

/**
 * Where the report gets each account's Functions variables. This branch reads the whole inventory
 * through the Twilio layer (`inventoryFunctionsSource`); the Functions feature (issue 20, point 1)
 * can plug its own loader in here, as long as values never leave it.
 */
export interface FunctionsCredentialSource {
  read(account: AccountRecord, creds: AccountCredentials, known: KnownSecrets, signal?: AbortSignal): Promise<{
    variables: FunctionsCredentialVariable[];
    /** Names of the services that hand the account's Auth Token to every Function (`includeCredentials`). */
    authTokenInContext: string[];
  }>;
}

/** What the report asks of the rest of the extension: SIDs and descriptions only. */
export interface ReportSources {
  /** This workspace's terminal choice (Use Key in Terminals), when applied. */
  terminalChoice(): { accountSid: string; keySid?: string } | undefined;
  /** Sign-in sessions of the `twilio` authentication provider. */
  sessions(): Array<{ accountSid: string; keySid: string; scopes: readonly string[] }>;
  /** Secrets hardcoded in open documents that are live (fingerprints, and where). */
  hardcoded(): Array<{ fingerprint: string; where: string }>;
  functions: FunctionsCredentialSource;
}

export function inventoryFunctionsSource(s: Services): FunctionsCredentialSource {
  return {
    async read(account, creds, known, signal) {
      const inventory = await (await s.twilio.get()).readFunctionsInventory(creds, { signal });
      const variables: FunctionsCredentialVariable[] = [];
      const authTokenInContext: string[] = [];
      for (const { service, environments } of inventory.services) {
        if (service.includeCredentials) authTokenInContext.push(service.uniqueName || service.sid);
        for (const { environment, variables: list } of environments) {
          for (const v of list) {
            const holds = classifyFunctionsVariable(v, known, { accountSid: account.accountSid });
            if (holds) variables.push({ sid: v.sid, service: service.uniqueName || service.sid, environment: environment.uniqueName || environment.sid, key: v.key, holds });
          }
        }
      }
      return { variables, authTokenInContext };
    },
  };
}

const KEY_PAGE = 1000;
const MAX_KEY_PAGES = 50;

async function everyKey(first: Promise<KeyPage>): Promise<ApiKey[]> {
  let page = await first;
  const keys = [...page.keys];
  for (let n = 1; page.hasMore && n < MAX_KEY_PAGES; n++) {
    page = await page.next();
    keys.push(...page.keys);
  }
  return keys;
}

/** Builds the report's rows. `signal` stops the Twilio calls still to come. */
export async function collectReport(s: Services, lists: CredentialLists, sources: ReportSources, opts: { rotationHintDays: number; signal?: AbortSignal }): Promise<CredentialReportData> {
  const { signal } = opts;
  const generatedAt = new Date();
  const notes: string[] = [];
  const credentials: ReportCredential[] = [];
  const rows = new Map<string, ReportCredential>();
  const add = (id: string, row: ReportCredential) => {
    rows.set(id, row);
    credentials.push(row);
  };
  const use = (id: string, u: CredentialUse) => rows.get(id)?.uses.push(u);
  const tokenId = (accountSid: string, secondary = false) => `${accountSid}|${secondary ? 'authToken2' : 'authToken'}`;
  const keyId = (accountSid: string, keySid: string) => `${accountSid}|${keySid}`;
  const failed = (account: AccountRecord, what: string, e: unknown) => notes.push(vscode.l10n.t('{0}: {1} could not be read: {2}', account.label, what, TwilioApiError.from(e).message));

  // Who holds each stored secret, by fingerprint; the values go no further than this loop.
  const owners = new Map<string, KnownSecretOwner & { secondary?: boolean }>();
  for (const v of await s.accounts.allSecretValues()) owners.set(fingerprint(v.value), { accountSid: v.accountSid, kind: v.kind, keySid: v.keySid });
  for (const account of s.accounts.list()) {
    const secondary = await s.accounts.getSecondaryAuthToken(account.accountSid);
    const owner = secondary ? owners.get(fingerprint(secondary)) : undefined;
    if (owner && s.accounts.authTokenState(account.accountSid)?.kind === 'secondaryWaiting') owner.secondary = true;
  }
  const known: KnownSecrets = { fingerprint, owner: (print) => owners.get(print) };
  const ownerRow = (o: KnownSecretOwner & { secondary?: boolean }) => (o.kind === 'authToken' ? tokenId(o.accountSid, o.secondary) : o.keySid ? keyId(o.accountSid, o.keySid) : undefined);

  const accounts = s.accounts.list();
  for (const account of accounts) {
    if (signal?.aborted) throw new TwilioApiError('cancelled');
    const sid = account.accountSid;
    const base = { accountSid: sid, accountLabel: account.label };
    const state = s.accounts.authTokenState(sid);
    const tokenStored = [...owners.values()].some((o) => o.accountSid === sid && o.kind === 'authToken' && !o.secondary);
    add(tokenId(sid), {
      ...base,
      category: 'authToken',
      type: state?.kind === 'unknown' ? vscode.l10n.t('Auth Token (promoted or not: unknown)') : vscode.l10n.t('Auth Token (primary)'),
      name: vscode.l10n.t('Auth Token'),
      tokenState: state?.kind === 'unknown' ? 'unknown' : 'primary',
      secretStored: tokenStored,
      uses: account.auth === 'authToken' ? [{ kind: 'extension', where: vscode.l10n.t('this extension signs in with it') }] : [],
    });
    if (state?.kind === 'secondaryWaiting') {
      add(tokenId(sid, true), {
        ...base,
        category: 'authToken',
        type: vscode.l10n.t('Auth Token (secondary, waiting)'),
        name: vscode.l10n.t('Secondary Auth Token'),
        created: new Date(state.since),
        tokenState: 'secondaryWaiting',
        secretStored: true,
        uses: [],
      });
    }
    const creds = await s.accounts.credentials(sid);
    if (!creds) {
      notes.push(vscode.l10n.t('{0}: no credentials are stored for it, so nothing was read from Twilio.', account.label));
      continue;
    }
    const api = await s.twilio.get();
    try {
      for (const key of await everyKey(api.listKeys(creds, { pageSize: KEY_PAGE, signal }))) {
        add(keyId(sid, key.sid), {
          ...base,
          category: 'apiKey',
          type: vscode.l10n.t('API key, {0}', key.typeUnknown ? vscode.l10n.t('type unknown') : keyTypeLabel(key.type)),
          name: key.friendlyName,
          sid: key.sid,
          created: key.dateCreated,
          secretStored: holdsKeySecret(account, key.sid),
          uses: account.auth === 'apiKey' && account.apiKeySid === key.sid ? [{ kind: 'extension', where: vscode.l10n.t('this extension signs in with it') }] : [],
        });
      }
    } catch (e) {
      failed(account, vscode.l10n.t('API keys'), e);
    }
    if (account.parentAccountSid) {
      notes.push(vscode.l10n.t('{0}: managed with its parent’s Auth Token, which reaches only the REST API 2010: its public keys, AWS and push credentials and Functions were not read. Connect it with its own credentials to include them.', account.label));
      continue;
    }
    await readAccountLists(account, lists, add, failed);
    try {
      const functions = await sources.functions.read(account, creds, known, signal);
      for (const v of functions.variables) {
        const where = vscode.l10n.t('Functions {0}/{1}: {2}', v.service, v.environment, v.key);
        add(`${sid}|${v.sid}`, { ...base, category: 'functionsVariable', type: vscode.l10n.t('Functions variable'), name: `${v.service}/${v.environment}: ${v.key}`, sid: v.sid, holds: { kind: v.holds.kind, description: v.holds.description }, uses: [] });
        const h = v.holds;
        if (h.kind === 'authToken') use(tokenId(h.accountSid), { kind: 'functions', where });
        else if (h.kind === 'keySecret' && h.keySid) use(keyId(h.accountSid, h.keySid), { kind: 'functions', where });
        else if (h.kind === 'keySid') use(keyId(sid, h.sid), { kind: 'functions', where: vscode.l10n.t('{0} (its SID)', where) });
      }
      for (const service of functions.authTokenInContext) use(tokenId(sid), { kind: 'functionsContext', where: vscode.l10n.t('Functions service {0} hands it to every Function (include credentials)', service) });
    } catch (e) {
      failed(account, vscode.l10n.t('Functions variables'), e);
    }
  }

  // Where each secret and SID is used, from what this editor knows.
  await s.envIndex.whenReady();
  const projects = new Map<string, Promise<FunctionsProject | undefined>>();
  const keyRows = new Map(credentials.filter((c) => c.category === 'apiKey' && c.sid).map((c) => [c.sid!, keyId(c.accountSid, c.sid!)]));
  for (const file of s.envIndex.all()) {
    if (file.error) {
      notes.push(vscode.l10n.t('{0} could not be read as a .env file, so it was not searched: {1}', file.label, file.error));
      continue;
    }
    const folder = file.uri.fsPath.replace(/[\\/][^\\/]*$/, '');
    if (!projects.has(folder)) projects.set(folder, functionsProjectOf(file.uri.fsPath, workspaceRoots()));
    const project = await projects.get(folder);
    for (const a of file.assignments) {
      if (!a.value) continue;
      const deployed = project ? (isDeployedVariable(a.name) ? vscode.l10n.t(', which twilio serverless:deploy uploads to Twilio Functions') : vscode.l10n.t(', the deploy credential of a Functions project')) : '';
      const where = `${file.label} (${a.name}${deployed})`;
      const owner = owners.get(fingerprint(a.value));
      const id = owner ? ownerRow(owner) : keyRows.get(a.value);
      if (id) use(id, { kind: 'envFile', where });
    }
  }
  for (const h of sources.hardcoded()) {
    const owner = owners.get(h.fingerprint);
    const id = owner && ownerRow(owner);
    if (id) use(id, { kind: 'hardcoded', where: h.where });
  }
  const choice = sources.terminalChoice();
  if (choice) use(choice.keySid ? keyId(choice.accountSid, choice.keySid) : tokenId(choice.accountSid), { kind: 'terminals', where: vscode.l10n.t('this workspace’s terminals and tasks') });
  for (const session of sources.sessions()) {
    const scopes = session.scopes.length ? session.scopes.join(', ') : vscode.l10n.t('a Standard key');
    use(keyId(session.accountSid, session.keySid), { kind: 'session', where: vscode.l10n.t('a sign-in session for other extensions ({0})', scopes) });
  }
  return { generatedAt, accounts: accounts.map((a) => ({ accountSid: a.accountSid, label: a.label })), credentials, notes, rotationHintDays: opts.rotationHintDays };
}

async function readAccountLists(account: AccountRecord, lists: CredentialLists, add: (id: string, row: ReportCredential) => void, failed: (a: AccountRecord, what: string, e: unknown) => void): Promise<void> {
  const sid = account.accountSid;
  const base = { accountSid: sid, accountLabel: account.label };
  await lists.accountCredentials.load(sid, true);
  const a = lists.accountCredentials.state(sid);
  if (a?.status === 'error') failed(account, vscode.l10n.t('public keys and AWS credentials'), a.error);
  for (const c of lists.accountCredentials.items(sid)) {
    add(`${sid}|${c.sid}`, {
      ...base,
      category: c.kind,
      type: c.kind === 'publicKey' ? vscode.l10n.t('Public key (Public Key Client Validation)') : vscode.l10n.t('AWS credentials'),
      name: c.friendlyName,
      sid: c.sid,
      created: c.dateCreated,
      uses: [],
    });
  }
  await lists.push.load(sid, true);
  const p = lists.push.state(sid);
  if (p?.status === 'error') failed(account, vscode.l10n.t('push credentials'), p.error);
  for (const c of lists.push.items(sid)) {
    const verdict = assessPushCredential(c);
    add(`${sid}|${c.sid}`, {
      ...base,
      category: 'push',
      type: vscode.l10n.t('{0} push credential', c.type.toUpperCase()),
      name: c.friendlyName,
      sid: c.sid,
      created: c.dateCreated,
      ...(verdict.status !== 'ok' ? { health: { status: verdict.status, message: verdict.message, fix: verdict.fix } } : {}),
      uses: [],
    });
  }
}
