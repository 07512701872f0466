// The no-leak audit, run last (index.ts orders it so, see order.ts; the suite checks it): drive a whole session (connect, create, rotate, delete keys, write
// .env, apply quick fixes, trigger errors, mint a token, hand a key to terminals), then search every file VS Code and the
// extension wrote (the user data folder: settings, global and workspace storage, logs and output
// channels; and the workspace except the .env files the user chose) for every secret used.
// The runner then searches the test output itself (test-results/audit-fingerprints.json holds
// SHA-256 fingerprints, never the secrets).
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { createHash } from 'crypto';
import { cleanSlate, workspaceRoot, waitFor, codeActionsAt, runOurs, testing } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import { fakeAccountSid, fakeAuthToken } from '../support/fakeCredentials';
import type { Node } from '../../src/surfaces/tree/treeItems';

function filesUnder(dir: string, skip: (p: string) => boolean = () => false): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (skip(p)) return [];
    if (e.isDirectory()) return filesUnder(p, skip);
    return e.isFile() ? [p] : [];
  });
}

/** Where each secret occurs, as UTF-8 or UTF-16 (SQLite stores may hold either). */
function occurrences(files: string[], secrets: Map<string, string>): string[] {
  const found: string[] = [];
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(f);
    } catch {
      continue; // removed meanwhile (a lock file, say)
    }
    for (const [label, secret] of secrets) {
      if (bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'))) found.push(`${label} in ${f}`);
    }
  }
  return found;
}

describe('Audit: no secret leaks', function () {
  this.timeout(120_000);
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  before(function () {
    // It searches what every other suite left behind, so none may run after it.
    const suite = this.test!.parent!;
    const topLevel = suite.parent!.suites;
    assert.strictEqual(topLevel[topLevel.length - 1], suite, `the audit is the last of ${topLevel.length} suites`);
  });

  it('leaves no secret anywhere but SecretStorage and the chosen .env files', async () => {
    const { t, em: emulator } = await cleanSlate();
    // An account of its own: earlier suites leave the shared account's token in test files.
    const own = emulator.state.addAccount({ friendlyName: 'Audit account' });
    const em = { ...emulator, accountSid: own.sid, authToken: own.authToken, state: emulator.state, faults: emulator.faults };
    const secrets = new Map<string, string>([['auth token', own.authToken]]);
    const chosenEnv = path.join(workspaceRoot(), 'audit', '.env');
    fs.mkdirSync(path.dirname(chosenEnv), { recursive: true });

    // Wrong credentials first: an error that must not echo the token.
    const wrong = fakeAuthToken();
    secrets.set('wrong token', wrong);
    ui = scriptUi();
    await runOurs('twilioCredentials.connectAccount', { label: 'Audit', accountSid: em.accountSid, authToken: wrong, region: 'us1' });
    ui.restore();

    // Connect through the prompts, typing the token.
    ui = scriptUi().input('Audit', em.accountSid, em.authToken).pick('Auth Token', 'us1');
    await runOurs('twilioCredentials.connectAccount');
    ui.restore();

    // Create keys: one written to the chosen .env, one copied.
    ui = scriptUi().message(undefined, undefined);
    const a = await runOurs<{ keySid: string }>('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'audit a', type: 'standard', envFile: chosenEnv });
    const b = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid, friendlyName: 'audit b', type: 'restricted', permissions: ['/twilio/messaging/messages/create'], then: 'copy',
    });
    secrets.set('key a secret', em.state.keys.get(a.keySid)!.secret);
    secrets.set('key b secret', em.state.keys.get(b.keySid)!.secret);
    await t.envIndex(vscode.Uri.file(chosenEnv));

    // Twilio Functions: an environment holding key a (the rotation below updates it) and the Auth
    // Token, drawn in the tree; key b written into another environment.
    const auditFn = em.state.addService(em.accountSid, {
      uniqueName: 'audit-fn',
      environments: [{ uniqueName: 'production', variables: { TWILIO_API_KEY: a.keySid, TWILIO_API_SECRET: secrets.get('key a secret')!, AUTH_TOKEN: em.authToken } }, { uniqueName: 'staging' }],
    });
    const tree = (await testing()).accountsView.tree; // the Functions rows: not yet in the driver's snapshots
    const drawn = async (node: Node): Promise<Node[]> =>
      waitFor(async () => {
        const children = await tree.getChildren(node);
        children.forEach((c) => tree.getTreeItem(c));
        return children.some((c) => c.kind === 'functionsMessage' && /Loading|Checking/.test(c.message)) ? undefined : children;
      }, `the children of ${node.kind}`);
    const [auditAccount] = await tree.getChildren();
    for (const service of await drawn((await tree.getChildren(auditAccount)).find((n) => n.kind === 'functions')!)) {
      for (const environment of await drawn(service)) await drawn(environment);
    }
    ui.restore();
    ui = scriptUi().message('Write Variables');
    await vscode.commands.executeCommand('twilioCredentials.useKeyInFunctions', { accountSid: em.accountSid, keySid: b.keySid, serviceSid: 'audit-fn', environmentSid: 'staging' });
    ui.restore();
    ui = scriptUi().message(undefined, undefined);

    // Rotate key a (its .env follows), then mint an Access Token with the new key.
    const rotated = await runOurs<{ newKeySid: string }>('twilioCredentials.rotateKey', { confirm: true, accountSid: em.accountSid, keySid: a.keySid, confirmDelete: true });
    secrets.set('rotated key secret', em.state.keys.get(rotated.newKeySid)!.secret);
    const production = em.state.environmentsOf(auditFn.sid).find((e) => e.uniqueName === 'production')!;
    assert.strictEqual(em.state.variablesOf(production.sid).find((v) => v.key === 'TWILIO_API_SECRET')?.value, secrets.get('rotated key secret'), 'the rotation reached the Functions variable');
    ui.restore();
    ui = scriptUi().pick('1 hour', ['Sync']).input(`IS${'0'.repeat(31)}1`);
    await runOurs('twilioCredentials.createAccessToken', { accountSid: em.accountSid, keySid: rotated.newKeySid, identity: 'auditor', output: 'copy' });
    secrets.set('access token', await vscode.env.clipboard.readText());
    ui.restore();

    // Terminal injection: new terminals of this workspace get the rotated key through the
    // extension's environment variable collection, which VS Code must not persist (it would
    // save the secret in workspace storage). A terminal uses it before the search below.
    ui = scriptUi().message(undefined);
    await runOurs('twilioCredentials.useInTerminals', { confirm: true, accountSid: em.accountSid, keySid: rotated.newKeySid });
    ui.restore();
    assert.strictEqual(t.terminals().persistent, false);
    const marker = path.join(workspaceRoot(), 'audit', 'terminal-saw-secret');
    const terminal = vscode.window.createTerminal({ name: 'audit', cwd: workspaceRoot() });
    terminal.sendText(`"${process.execPath}" -e "require('fs').writeFileSync(process.argv[1], typeof process.env.TWILIO_API_SECRET)" "${marker}"`);
    // An empty file is one the terminal's process has opened but not yet written: wait it out.
    assert.strictEqual(await waitFor(() => (fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') || undefined : undefined), 'the audit terminal', 60_000), 'string');
    terminal.dispose();
    // What a reload does (the real reload is in test/e2e/credentialsWithoutFiles.test.ts): the
    // choice is read back from workspace state and the secret from SecretStorage.
    await t.restoreTerminals();

    // A hardcoded token moved to the chosen .env by the quick fix; a "live" check of another.
    const hardcoded = fakeAuthToken();
    secrets.set('hardcoded token', hardcoded);
    const file = path.join(workspaceRoot(), 'audit', 'app.js');
    fs.writeFileSync(file, `const client = require('twilio')('${fakeAccountSid()}', '${hardcoded}');\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const diag = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'Twilio Credentials'), 'a diagnostic');
    const actions = await codeActionsAt(doc.uri, diag.range);
    const live = actions.find((x) => x.command?.command === 'twilioCredentials.checkLive')!;
    ui = scriptUi().message(undefined);
    await vscode.commands.executeCommand(live.command!.command, ...(live.command!.arguments ?? []));
    ui.restore();
    const move = actions.find((x) => x.command?.command === 'twilioCredentials.moveToEnv')!;
    ui = scriptUi().pick('audit/.env').message('Write to .env', undefined);
    await vscode.commands.executeCommand(move.command!.command, ...(move.command!.arguments ?? []));
    await doc.save();
    ui.restore();

    // Errors on the way: a failing delete, then the real deletes.
    em.faults.failNext(10, 500, { method: 'DELETE' });
    ui = scriptUi();
    await runOurs('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid: b.keySid, confirm: true });
    em.faults.clear();
    await runOurs('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid: b.keySid, confirm: true, removeFromEnv: false });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    ui.restore();

    // The .env the user chose holds the secrets it should, and nothing else does.
    const envText = fs.readFileSync(chosenEnv, 'utf8');
    assert.ok(envText.includes(secrets.get('rotated key secret')!) && envText.includes(hardcoded), 'the chosen .env got its secrets');
    const userData = path.resolve(t.paths.globalStorage, '..', '..', '..');
    const logs = path.resolve(t.paths.log, '..', '..', '..');
    // Wait until VS Code has flushed what this run stored (its state database names the account,
    // the extension's log exists), not for a fixed time; a busy machine flushes later. At the
    // limit the search goes ahead: it can only find less, and the log is asserted below.
    const flushed = () => {
      const all = [...filesUnder(userData), ...(logs.startsWith(userData) ? [] : filesUnder(logs))];
      return all.some((f) => /Twilio Credentials\.log$/.test(f)) && all.some((f) => /\.vscdb$/.test(f) && fs.readFileSync(f).includes(em.accountSid)) ? true : undefined;
    };
    await waitFor(flushed, 'VS Code to flush its storage', 60_000).catch(() => undefined);
    const files = [
      ...filesUnder(userData),
      ...(logs.startsWith(userData) ? [] : filesUnder(logs)),
      ...filesUnder(workspaceRoot(), (p) => p === chosenEnv),
    ];
    // The search can find what it looks for: a planted canary, once in UTF-8 and once in UTF-16.
    const canary = fakeAuthToken();
    const canaryFiles = [path.join(userData, 'audit-canary.txt'), path.join(userData, 'audit-canary-16.bin')];
    fs.writeFileSync(canaryFiles[0], `x${canary}x`);
    fs.writeFileSync(canaryFiles[1], Buffer.from(`x${canary}x`, 'utf16le'));
    assert.deepStrictEqual(occurrences(filesUnder(userData), new Map([['canary', canary]])).length, 2, 'the search finds a planted secret');
    canaryFiles.forEach((f) => fs.rmSync(f));
    assert.ok(files.length > 20, `searched ${files.length} files`);
    assert.ok(files.some((f) => /Twilio Credentials\.log$/.test(f)), 'the extension log was among them');
    const leaks = occurrences(files, secrets);
    console.log(`Audit: searched ${files.length} files for ${secrets.size} secrets: ${leaks.length} occurrences.`);
    assert.deepStrictEqual(leaks, []);

    // For the runner's check of the test output: fingerprints only.
    const out = process.env.TWILIO_CREDENTIALS_TEST_OUTPUT;
    if (out) {
      fs.mkdirSync(out, { recursive: true });
      const prints = [...secrets.values()].map((v) => createHash('sha256').update(v).digest('hex'));
      fs.writeFileSync(path.join(out, 'audit-fingerprints.json'), JSON.stringify(prints));
    }
  });
});
