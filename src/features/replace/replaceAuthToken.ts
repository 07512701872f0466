// "Replace Auth Token with API Key": Twilio's advice as one command. Creates a Standard or
// Restricted key through the Create API Key flow (its secret goes to SecretStorage first), writes
// it to a `.env` beside TWILIO_ACCOUNT_SID, rewrites the Auth-Token client construction of the
// source it started from (one undoable edit), then offers to rotate the Auth Token so the old one
// is dead.
import * as vscode from 'vscode';
import * as path from 'path';
import type { Services } from '../../services/services';
import { createKey } from '../keys/commands/createKey';
import { argsOf, field } from '../../core/util/commandArgs';
import { pickAccount } from '../accounts/pickAccount';
import { envVariableNames } from '../../platform/config';
import { keyEnvEdits } from '../../workspace/dotenv/keyEdits';
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

export const replaceAuthTokenArgs = argsOf<ReplaceAuthTokenArgs>({
  accountSid: field.string,
  uri: field.string,
  envFile: field.string,
  friendlyName: field.string,
  type: field.oneOf('standard', 'restricted'),
  permissions: field.strings,
  rotate: field.boolean,
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

export async function replaceAuthTokenWithKey(s: Services, args: ReplaceAuthTokenArgs = {}): Promise<ReplaceAuthTokenResult | undefined> {
  const source = args.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri)) : undefined;
  const isEnv = !!source && isDotenvPath(source.uri.fsPath);
  if (source && !isEnv && !rewritableClients(source).length) {
    throw new Error(
      vscode.l10n.t('{0} has no Twilio client construction this command can rewrite; create a key and write it to .env with "Create API Key".', path.basename(source.uri.fsPath)),
    );
  }

  const named = args.accountSid ?? (source ? accountSidIn(source, isEnv) : undefined);
  if (named && !s.accounts.get(named)) {
    throw new Error(vscode.l10n.t('The Auth Token here belongs to account {0}, which is not connected. Connect it first (Twilio: Connect Account…).', named));
  }
  const account = await pickAccount(s.accounts, named, TITLE());

  // 1. The key, through the Create API Key flow: its secret is stored (or handed off) before anything else.
  const created = await createKey(s, {
    accountSid: account.accountSid,
    friendlyName: args.friendlyName,
    type: args.type,
    permissions: args.permissions,
    then: 'done',
  });
  if (!created) return undefined;
  const result: ReplaceAuthTokenResult = {
    accountSid: account.accountSid, keySid: created.keySid, secretStored: created.secretStored, clientsRewritten: 0, stillHardcodedLines: [], rotateOffered: false,
  };
  if (!created.secretStored) {
    // createKey already made the user save the secret; without it nothing can be written here.
    result.stoppedAt = 'env';
    return result;
  }
  const secret = await s.accounts.getKeySecret(account.accountSid, created.keySid);
  if (!secret) {
    result.stoppedAt = 'env';
    return result;
  }
  s.log.protect(secret);

  // 2. The .env: the file it started from, or the one the user picks (beside the code).
  const edits = keyEnvEdits(account.accountSid, created.keySid, secret);
  const outcome = source && isEnv
    ? await s.envWriter.write(source.uri, edits)
    : await s.envWriter.pickAndWrite(edits, { envFile: args.envFile, near: source?.uri, title: vscode.l10n.t('Write the new API key to which .env file?') });
  if (!outcome.ok) {
    result.stoppedAt = 'env';
    const write = vscode.l10n.t('Write Key to .env');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Key {0} was created and its secret is stored in this editor, but no .env was written, so the code was left as it was.', created.keySid),
      write,
    );
    if (choice === write) await vscode.commands.executeCommand(Command.writeKeyToEnv, { accountSid: account.accountSid, keySid: created.keySid });
    return result;
  }
  result.envFile = outcome.uri.fsPath;
  void s.envIndex.refresh(outcome.uri);
  const names = envVariableNames();
  await s.envWriter.addToExample(outcome.uri, [names.accountSid, names.apiKey, names.apiSecret]);

  // 3. The code: every Auth-Token client construction of the source, in one undoable edit.
  if (source && !isEnv) {
    const document = await vscode.workspace.openTextDocument(source.uri); // its current text
    const plans = rewritableClients(document);
    if (plans.length) {
      const edit = new vscode.WorkspaceEdit();
      for (const e of plans.flatMap((p) => p.edits)) {
        edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
      }
      const language = detectLanguage(document.uri.fsPath, document.languageId);
      if (rules().lookupNeedsImport(language)) addImportFor(edit, document, language);
      if (!(await vscode.workspace.applyEdit(edit))) {
        result.stoppedAt = 'code';
        throw new Error(vscode.l10n.t('The code could not be edited; key {0} is stored and written to {1}.', created.keySid, vscode.workspace.asRelativePath(outcome.uri)));
      }
      result.clientsRewritten = plans.length;
    }
    // A token assigned to a variable elsewhere in the file is not part of the call: say where it is.
    result.stillHardcodedLines = scanText(document.getText(), { path: vscode.workspace.asRelativePath(document.uri, false), languageId: document.languageId })
      .filter((f) => f.kind === 'twilio-auth-token')
      .map((f) => f.range.startLine + 1);
  }
  s.log.info(
    `Replaced the Auth Token with key ${created.keySid} on ${account.accountSid}: ${vscode.workspace.asRelativePath(outcome.uri)} written, ${result.clientsRewritten} client construction(s) rewritten.`,
  );

  // 4. The old token still works until it is rotated: offer that, where the command exists.
  await offerRotation(s, account.accountSid, account.auth === 'authToken', args.rotate, result, vscode.workspace.asRelativePath(outcome.uri));
  return result;
}

async function offerRotation(s: Services, accountSid: string, authTokenAccount: boolean, answer: boolean | undefined, result: ReplaceAuthTokenResult, envLabel: string): Promise<void> {
  const where = result.clientsRewritten
    ? vscode.l10n.t('API key {0} is in {1} and the code uses it.', result.keySid, envLabel)
    : vscode.l10n.t('API key {0} is in {1}.', result.keySid, envLabel);
  const still = result.stillHardcodedLines.length
    ? ' ' + vscode.l10n.t('The Auth Token is still written on line {0}: delete it.', result.stillHardcodedLines.join(', '))
    : '';
  if (answer === false) {
    void vscode.window.showInformationMessage(where + still);
    return;
  }
  const available = authTokenAccount && (await vscode.commands.getCommands(true)).includes(Command.rotateAuthToken);
  if (!available) {
    const open = vscode.l10n.t('Open Console');
    const choice = await vscode.window.showInformationMessage(
      where + still + ' ' + vscode.l10n.t('The old Auth Token keeps working until you rotate it in the Twilio Console.'),
      open,
    );
    if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(consoleKeysUrl()));
    return;
  }
  result.rotateOffered = true;
  const rotate = vscode.l10n.t('Rotate Auth Token');
  const choice = answer === true
    ? rotate
    : await vscode.window.showInformationMessage(
        where + still + ' ' + vscode.l10n.t('The old Auth Token keeps working everywhere it was used: rotate it so it is dead.'),
        rotate,
      );
  if (choice === rotate) {
    s.log.info(`Rotating the Auth Token of ${accountSid} after replacing it with a key.`);
    await vscode.commands.executeCommand(Command.rotateAuthToken, { accountSid });
    result.rotationStarted = true;
  }
}
