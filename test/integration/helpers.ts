// Shared helpers for in-host tests: the extension's test API, the emulator, a clean slate.
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator, Emulator } from '../emulator/server';
import type { ExtensionApi } from '../../src/extension';
import { secretId, type SecretRef } from '../../src/services/secretStore';

export const extensionId = 'twilio-credentials.twilio-credentials';

type Testing = NonNullable<ExtensionApi['testing']>;

/**
 * One emulator for the whole in-host run, started before the extension first loads the Twilio
 * library; the extension reaches it only through TWILIO_CREDENTIALS_API_ORIGIN, as in the demo.
 */
export function emulator(): Promise<Emulator> {
  const g = globalThis as { __twilioCredentialsEmulator?: Promise<Emulator> };
  g.__twilioCredentialsEmulator ??= startEmulator().then((e) => {
    process.env.TWILIO_CREDENTIALS_API_ORIGIN = e.url;
    return e;
  });
  return g.__twilioCredentialsEmulator;
}

export async function testing(): Promise<Testing> {
  await emulator();
  const ext = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!ext) throw new Error(`${extensionId} is not loaded`);
  const api = await ext.activate();
  if (!api.testing) throw new Error('the extension exposes its test API only in test mode');
  return api.testing;
}

/**
 * Runs one of the extension's commands as the extension's own UI does: its argument objects are
 * marked as the extension's own through the test seam (`testing.ours`, present only in test
 * mode), so the fields that skip a question are honoured. This is the sanctioned test path of the
 * consent rule; `vscode.commands.executeCommand` with the same objects is what any other extension
 * gets (test/integration/otherExtensions.test.ts).
 */
export async function runOurs<T = unknown>(id: string, ...args: unknown[]): Promise<T> {
  const t = await testing();
  return vscode.commands.executeCommand<T>(id, ...args.map((a) => (a && typeof a === 'object' && !(a instanceof vscode.Uri) ? t.ours(a) : a)));
}

/** No accounts, no stored secrets, a fresh emulator state and no faults. */
export async function cleanSlate(): Promise<{ t: Testing; em: Emulator }> {
  const em = await emulator();
  const t = await testing();
  for (const a of t.accounts.list()) await t.accounts.disconnect(a.accountSid);
  t.keys.forget();
  t.accountsView.subaccounts.forget();
  t.accountsView.tree.setFilter('');
  em.reset();
  return { t, em };
}

/** What SecretStorage itself holds for a ref, read past the extension's stores. */
export function inSecretStorage(t: Testing, ref: SecretRef): Thenable<string | undefined> {
  return t.context.secrets.get(secretId(ref));
}

/**
 * Makes SecretStorage refuse to store, as a locked keyring does, until the returned function is
 * called. The extension reaches SecretStorage only through its AccountStore, so every write fails.
 */
export function lockSecretStorage(t: Testing): () => void {
  const secrets = t.context.secrets;
  const store = secrets.store;
  secrets.store = async () => {
    throw new Error('keyring is locked');
  };
  return () => {
    secrets.store = store;
  };
}

/** Connects the emulator's account with its Auth Token through the public command. */
export async function connectEmulator(em: Emulator, label = 'Emulator'): Promise<string> {
  const sid = await runOurs<string>('twilioCredentials.connectAccount', {
    label,
    accountSid: em.accountSid,
    authToken: em.authToken,
    region: 'us1',
  });
  if (sid !== em.accountSid) throw new Error('connecting the emulator account failed');
  return sid;
}

export function workspaceRoot(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the integration tests need the fixture workspace open');
  return f.uri.fsPath;
}

/** Writes a file into the fixture workspace (a fresh copy per run) and returns its path. */
export function writeWorkspaceFile(rel: string, text: string): string {
  const p = path.join(workspaceRoot(), rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Code actions at a range. The request can be cancelled while a freshly opened editor settles
 * (the lightbulb asks at the same time); ask again then.
 */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
    } catch (e) {
      if (attempt >= 20 || !/Canceled/i.test(String((e as Error).message ?? e))) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
