// Shared helpers for in-host tests: the extension's test driver, the emulator, a clean slate.
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { createHash } from 'crypto';
import { startEmulator, Emulator } from '../emulator/server';
import type { ExtensionApi } from '../../src/extension';
import type { TestDriver } from '../../src/testDriver';

export const extensionId = 'twilio-credentials.twilio-credentials';

export type { TestDriver };

/** How the driver shows a secret (src/testDriver.ts): its SHA-256 in hex. */
export function fp(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

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

/** The extension's test driver (src/testDriver.ts): snapshots, a reset, the consent seam; present only in test mode. */
export async function driver(): Promise<TestDriver> {
  await emulator();
  const ext = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!ext) throw new Error(`${extensionId} is not loaded`);
  const api = await ext.activate();
  if (!api.testDriver) throw new Error('the extension has its test driver only in test mode');
  return api.testDriver;
}

/**
 * Runs one of the extension's commands as the extension's own UI does: its argument objects are
 * marked as the extension's own through the test seam (`ours`, present only in test mode), so the
 * fields that skip a question are honoured. This is the sanctioned test path of the consent rule;
 * `vscode.commands.executeCommand` with the same objects is what any other extension gets
 * (test/integration/otherExtensions.test.ts).
 */
export async function runOurs<T = unknown>(id: string, ...args: unknown[]): Promise<T> {
  const t = await driver();
  return vscode.commands.executeCommand<T>(id, ...args.map((a) => (a && typeof a === 'object' && !(a instanceof vscode.Uri) ? t.ours(a) : a)));
}

/** No accounts, no stored secrets, a fresh emulator state and no faults. */
export async function cleanSlate(): Promise<{ t: TestDriver; em: Emulator }> {
  const em = await emulator();
  const t = await driver();
  await t.reset();
  em.reset();
  return { t, em };
}

type Legacy = NonNullable<ExtensionApi['testing']>;

/** The old test API (every service), for the suites not yet moved to the driver; to be removed with it. */
export async function testing(): Promise<Legacy> {
  await driver();
  const api = vscode.extensions.getExtension<ExtensionApi>(extensionId)!.exports;
  if (!api.testing) throw new Error('the extension exposes its test API only in test mode');
  return api.testing;
}

/** cleanSlate for the suites not yet moved to the driver: the same reset, the old test API. */
export async function legacySlate(): Promise<{ t: Legacy; em: Emulator }> {
  const { em } = await cleanSlate();
  return { t: await testing(), em };
}

/** Makes SecretStorage refuse to store until the returned function is called (old test API). */
export function lockSecretStorage(t: Legacy): () => void {
  const secrets = t.context.secrets;
  const store = secrets.store;
  secrets.store = async () => {
    throw new Error('keyring is locked');
  };
  return () => {
    secrets.store = store;
  };
}

/** The fingerprint of the key secret SecretStorage holds for a key, as the driver shows it. */
export function storedKeySecret(t: TestDriver, accountSid: string, keySid: string): Promise<string | undefined> {
  return t.keySecret(accountSid, keySid);
}

/** The children of the (first) account row, the tree's keys loaded as an expanded row loads them. */
export async function accountRows(t: TestDriver, accountSid?: string): Promise<readonly import('../../src/testDriver').RowSnapshot[]> {
  const rows = await t.tree();
  const account = rows.find((r) => r.kind === 'account' && (!accountSid || r.accountSid === accountSid));
  return account?.children ?? [];
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
