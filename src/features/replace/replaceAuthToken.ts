// "Replace Auth Token with API Key": Twilio's advice as one command. Mints a Standard or
// Restricted key through the key lifecycle (its secret goes to SecretStorage first, and stays in
// hand), writes it to a `.env` beside TWILIO_ACCOUNT_SID, rewrites the Auth-Token client
// construction of the source it started from (one undoable edit), then offers to rotate the Auth
// Token so the old one is dead.
import * as vscode from 'vscode';
import * as path from 'path';
import type { Services } from '../../services/services';
import { checkKeyArgs, creation, keySpec } from '../keys/commands/createKey';
import { rotateAuthToken } from '../authToken/rotateAuthToken';
import type { MintedKey } from '../../services/keyLifecycle';
import type { AccountRecord } from '../../services/model';
import { agree, reportFailure } from '../../platform/commands';
import { argsOf, consent, field, prefill, type Args } from '../../core/util/commandArgs';
import { pickAccount } from '../accounts/pickAccount';
import { envVariableNames } from '../../platform/config';
import { addImportFor } from './addImport';
import { detectLanguage, isDotenvPath, scanText } from '../../core/detection';
import { consoleKeysUrl } from '../../core/twilio/types';
import { parseDotenv } from '../../workspace/dotenv/parse';
import { rules } from '../mixups/load';
import type { ClientRewrite } from '../mixups/clientRewrite';
import { Command } from '../../core/util/commandIds';

export interface ReplaceAuthTokenArgs {
  accountSid?: string;
  /** The document holding the Auth Token: source code (its client is rewritten) or a `.env` (written in place). */
  uri?: string;
  /** The `.env` to write when starting from code or an account (workspace-relative or absolute). */
  envFile?: string;
  friendlyName?: string;
  type?: 'standard' | 'restricted';
  permissions?: string[];
  /** The closing offer: true rotates without asking, false does not offer. */
  rotate?: boolean;
  /** Create the key without the modal that says what will happen (this extension's own tests only). */
  confirm?: boolean;
}

export interface ReplaceAuthTokenResult {
  accountSid: string;
  keySid: string;
  secretStored: boolean;
  envFile?: string;
  /** Client constructions rewritten to the key. */
  clientsRewritten: number;
  /** 1-based lines of the source where an Auth Token is still written after the rewrite. */
  stillHardcodedLines: number[];
  /** Whether "Rotate Auth Token" was offered (only where that command exists). */
  rotateOffered: boolean;
  /** Whether Rotate Auth Token was started (it reports its own outcome). */
  rotationStarted?: boolean;
  /** Set when the flow stopped early, saying where things stand. */
  stoppedAt?: 'env' | 'code';
}

const TITLE = () => vscode.l10n.t('Replace Auth Token with API Key');

/** The client constructions of a document that the fix can rewrite (for offering the quick fix). */
export function rewritableClients(document: vscode.TextDocument): ClientRewrite[] {
  const language = detectLanguage(document.uri.fsPath, document.languageId);
  const r = rules();
  return r.canRewrite(language) ? r.planKeyRewrites(document.getText(), language, envVariableNames()) : [];
}

/** `uri` (the document to rewrite) comes from this extension's own quick fix: from anyone else the flow starts from an account, as from the palette. */
export const replaceAuthTokenArgs = argsOf<ReplaceAuthTokenArgs>({
  accountSid: prefill(field.string),
  uri: consent(field.string),
  envFile: consent(field.string),
  friendlyName: prefill(field.string),
  type: prefill(field.oneOf('standard', 'restricted')),
  permissions: prefill(field.strings),
  rotate: consent(field.boolean),
  confirm: consent(field.boolean),
});

/** The Account SID a source names: the `.env`'s account variable, or the first AC… in code. */
function accountSidIn(document: vscode.TextDocument, isEnv: boolean): string | undefined {
  const text = document.getText();
  if (isEnv) {
    const parsed = parseDotenv(text);
    if (!parsed.ok) return undefined;
    const names = envVariableNames();
    for (const e of parsed.doc.entries) {
      if (e.kind === 'assignment' && rules().variableRole(e.name, names)?.role === 'accountSid' && /^AC[0-9a-fA-F]{32}$/.test(e.value)) return e.value;
    }
    return undefined;
  }
  return /(?<![A-Za-z0-9_])AC[0-9a-fA-F]{32}(?![A-Za-z0-9_])/.exec(text)?.[0];
}

/**
 * Replace Auth Token with API Key, as named steps on one state object: open the source, resolve
 * the account, mint the key (the key lifecycle: stored, and handed to the user if it cannot be
 * kept), write it to the `.env`, rewrite the code, offer to rotate the Auth Token.
 */
export async function replaceAuthTokenWithKey(s: Services, args: Args<ReplaceAuthTokenArgs> = {}): Promise<ReplaceAuthTokenResult | undefined> {
  checkKeyArgs(args);
  const source = await openSource(args);
  const account = await resolveAccount(s, args, source);
  const spec = await keySpec(account, { friendlyName: args.friendlyName, type: args.type, permissions: args.permissions, prefill: args.prefill });
  // One modal says the whole plan before the key is created; the .env write then needs no second one.
  if (!args.confirm && !(await agree(creation(account, spec, undefined, plan(args, source))))) return undefined;
  return s.lifecycle.mint(account, spec, (key) => replaceWith({ s, args, source, account, key, result: startResult(account, key) }));
}

/** What the creation modal adds: where the key is written, and which client is rewritten. */
function plan(args: ReplaceAuthTokenArgs, source: Source | undefined): string[] {
  const lines = [
    source?.isEnv
      ? vscode.l10n.t('Then its SID and secret are written to {0}, beside the Auth Token.', vscode.workspace.asRelativePath(source.document.uri))
      : args.envFile
        ? vscode.l10n.t('Then its SID and secret are written to {0}.', args.envFile)
        : vscode.l10n.t('Then its SID and secret are written to the .env file you choose next.'),
  ];
  if (source && !source.isEnv) lines.push(vscode.l10n.t('Then the Twilio client in {0} is rewritten to read the key from the environment (one undoable edit).', vscode.workspace.asRelativePath(source.document.uri)));
  return lines;
}

/** One replacement: what each step needs and the result they build up. */
interface Replacement {
  readonly s: Services;
  readonly args: ReplaceAuthTokenArgs;
  readonly source: Source | undefined;
  readonly account: AccountRecord;
  /** The new key, its secret in hand (from Twilio's answer, never read back from storage). */
  readonly key: MintedKey;
  readonly result: ReplaceAuthTokenResult;
  /** The `.env` the key went to. */
  envUri?: vscode.Uri;
}

/** The document the command started from: source code (its client is rewritten) or a `.env` (written in place). */
interface Source {
  document: vscode.TextDocument;
  isEnv: boolean;
}

/** The steps once the key exists. Stopping early returns the result with `stoppedAt`. */
async function replaceWith(r: Replacement): Promise<ReplaceAuthTokenResult> {
  if (!(await writeEnv(r))) return r.result;
  await rewriteCode(r);
  r.s.log.info(
    `Replaced the Auth Token with key ${r.key.key.sid} on ${r.account.accountSid}: ${vscode.workspace.asRelativePath(r.envUri!)} written, ${r.result.clientsRewritten} client construction(s) rewritten.`,
  );
  await offerRotation(r);
  return r.result;
}

function startResult(account: AccountRecord, key: MintedKey): ReplaceAuthTokenResult {
  return { accountSid: account.accountSid, keySid: key.key.sid, secretStored: key.stored, clientsRewritten: 0, stillHardcodedLines: [], rotateOffered: false };
}

/** 1. The document named, if any: a `.env`, or code with a client construction this command can rewrite. */
async function openSource(args: ReplaceAuthTokenArgs): Promise<Source | undefined> {
  if (!args.uri) return undefined;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const isEnv = isDotenvPath(document.uri.fsPath);
  if (!isEnv && !rewritableClients(document).length) {
    throw new Error(
      vscode.l10n.t('{0} has no Twilio client construction this command can rewrite; create a key and write it to .env with "Create API Key".', path.basename(document.uri.fsPath)),
    );
  }
  return { document, isEnv };
}

/** 2. The account: named, written in the source, or picked; a token of an account not connected here is refused. */
async function resolveAccount(s: Services, args: Args<ReplaceAuthTokenArgs>, source: Source | undefined): Promise<AccountRecord> {
  const named = args.accountSid ?? (source ? accountSidIn(source.document, source.isEnv) : undefined);
  if (named && !s.accounts.get(named)) {
    throw new Error(vscode.l10n.t('The Auth Token here belongs to account {0}, which is not connected. Connect it first (Twilio: Connect Account…).', named));
  }
  return pickAccount(s.accounts, { accountSid: named, prefill: args.prefill }, TITLE());
}

/**
 * 4. The `.env`: the file it started from, or the one the user picks (beside the code), and the
 * names in the `.env.example` beside it. False when none was written: the code is left as it was.
 */
async function writeEnv(r: Replacement): Promise<boolean> {
  const { s, args, source, key, result } = r;
  const outcome = source?.isEnv
    ? await key.writeToEnv({ uri: source.document.uri })
    : await key.writeToEnv({ envFile: args.envFile, near: source?.document.uri, title: vscode.l10n.t('Write the new API key to which .env file?'), agreed: true });
  if (!outcome.ok) {
    result.stoppedAt = 'env';
    // A secret that could not be stored either is handed to the user by the lifecycle right after.
    if (key.stored) await offerEnvAgain(r);
    return false;
  }
  r.envUri = outcome.uri;
  result.envFile = outcome.uri.fsPath;
  const names = envVariableNames();
  await s.envWriter.addToExample(outcome.uri, [names.accountSid, names.apiKey, names.apiSecret]);
  return true;
}

/** The key is stored but no `.env` was written: say so, and offer to write it after all. */
async function offerEnvAgain(r: Replacement): Promise<void> {
  const write = vscode.l10n.t('Write Key to .env');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Key {0} was created and its secret is stored in this editor, but no .env was written, so the code was left as it was.', r.key.key.sid),
    write,
  );
  if (choice === write) await r.key.writeToEnv({ agreed: true }); // answered just now
}

/** 5. The code: every Auth-Token client construction of the source, in one undoable edit; then where a token is still written. */
async function rewriteCode(r: Replacement): Promise<void> {
  if (!r.source || r.source.isEnv) return;
  const document = await vscode.workspace.openTextDocument(r.source.document.uri); // its current text
  const plans = rewritableClients(document);
  if (plans.length) {
    if (!(await vscode.workspace.applyEdit(clientEdit(document, plans)))) {
      r.result.stoppedAt = 'code';
      throw new Error(vscode.l10n.t('The code could not be edited; key {0} is stored and written to {1}.', r.key.key.sid, vscode.workspace.asRelativePath(r.envUri!)));
    }
    r.result.clientsRewritten = plans.length;
  }
  // A token assigned to a variable elsewhere in the file is not part of the call: say where it is.
  r.result.stillHardcodedLines = scanText(document.getText(), { path: vscode.workspace.asRelativePath(document.uri, false), languageId: document.languageId })
    .filter((f) => f.kind === 'twilio-auth-token')
    .map((f) => f.range.startLine + 1);
}

/** The rewrites as one workspace edit, with the import the environment lookup needs. */
function clientEdit(document: vscode.TextDocument, plans: ClientRewrite[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of plans.flatMap((p) => p.edits)) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
  }
  const language = detectLanguage(document.uri.fsPath, document.languageId);
  if (rules().lookupNeedsImport(language)) addImportFor(edit, document, language);
  return edit;
}

/** 6. The old token still works until it is rotated: offer that (Rotate Auth Token needs the account's own token). */
async function offerRotation(r: Replacement): Promise<void> {
  const { result, args } = r;
  const where = whereKeyIs(r);
  if (args.rotate === false) {
    void vscode.window.showInformationMessage(where);
    return;
  }
  if (r.account.auth !== 'authToken') {
    const open = vscode.l10n.t('Open Console');
    const choice = await vscode.window.showInformationMessage(where + ' ' + vscode.l10n.t('The old Auth Token keeps working until you rotate it in the Twilio Console.'), open);
    if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(consoleKeysUrl()));
    return;
  }
  result.rotateOffered = true;
  const rotate = vscode.l10n.t('Rotate Auth Token');
  const choice =
    args.rotate === true ? rotate : await vscode.window.showInformationMessage(where + ' ' + vscode.l10n.t('The old Auth Token keeps working everywhere it was used: rotate it so it is dead.'), rotate);
  if (choice !== rotate) return;
  r.s.log.info(`Rotating the Auth Token of ${r.account.accountSid} after replacing it with a key.`);
  result.rotationStarted = true;
  // Rotate Auth Token reports its own outcome; its failure does not undo the replacement.
  // Rotate Auth Token still says what it does before it starts, unless this extension's own caller said `rotate: true`.
  await rotateAuthToken(r.s, { accountSid: r.account.accountSid, confirm: args.rotate === true }).catch((e: unknown) => reportFailure(r.s.log, Command.rotateAuthToken, e));
}

/** Where the key is now, and where the Auth Token is still written. */
function whereKeyIs(r: Replacement): string {
  const { result } = r;
  const envLabel = vscode.workspace.asRelativePath(r.envUri!);
  const where = result.clientsRewritten
    ? vscode.l10n.t('API key {0} is in {1} and the code uses it.', result.keySid, envLabel)
    : vscode.l10n.t('API key {0} is in {1}.', result.keySid, envLabel);
  const still = result.stillHardcodedLines.length ? ' ' + vscode.l10n.t('The Auth Token is still written on line {0}: delete it.', result.stillHardcodedLines.join(', ')) : '';
  return where + still;
}
