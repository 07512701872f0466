// "Use Key in Terminals" and debug sessions in the real VS Code: a terminal, a task and a Node
// debug session started afterwards see the variables. A script run in each writes SHA-256
// fingerprints of what it got (never the values) to a file the test compares.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { createHash } from 'crypto';
import { legacySlate, connectEmulator, waitFor, workspaceRoot, writeWorkspaceFile, runOurs } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import type { Emulator } from '../emulator/server';

const VARS = ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET', 'TWILIO_AUTH_TOKEN', 'FROM_COMMAND_KEY', 'FROM_COMMAND_SECRET'];
const sha = (v: string) => createHash('sha256').update(v).digest('hex');

/** Writes the fingerprint script into the workspace; it prints nothing. */
function fingerprintScript(): string {
  return writeWorkspaceFile(
    'terminal-env/fingerprints.js',
    `const { createHash } = require('crypto');
const [out, ...names] = process.argv.slice(2);
const prints = {};
for (const n of names) prints[n] = process.env[n] === undefined ? null : createHash('sha256').update(process.env[n]).digest('hex');
require('fs').writeFileSync(out + '.tmp', JSON.stringify(prints));
require('fs').renameSync(out + '.tmp', out);
`,
  );
}

function descriptionOf(c: vscode.EnvironmentVariableCollection): string {
  const d = c.description;
  return typeof d === 'string' ? d : d?.value ?? '';
}

let runs = 0;
function outFile(what: string): string {
  return path.join(workspaceRoot(), 'terminal-env', `${what}-${++runs}.json`);
}

async function readPrints(file: string, what: string): Promise<Record<string, string | null>> {
  const text = await waitFor(() => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined), what, 60_000);
  return JSON.parse(text) as Record<string, string | null>;
}

/** Opens a terminal as a user would (the default shell) and runs the script in it. */
async function inTerminal(): Promise<Record<string, string | null>> {
  const out = outFile('terminal');
  const terminal = vscode.window.createTerminal({ name: 'fingerprints', cwd: workspaceRoot() });
  terminal.sendText(`"${process.execPath}" "${fingerprintScript()}" "${out}" ${VARS.join(' ')}`);
  try {
    return await readPrints(out, 'the terminal to run the script');
  } finally {
    terminal.dispose();
  }
}

/** Writes the workspace's launch.json and waits until VS Code reads these configurations from it. */
async function launchJson(configurations: Array<Record<string, unknown>>): Promise<void> {
  writeWorkspaceFile('.vscode/launch.json', JSON.stringify({ version: '0.2.0', configurations }, null, 2));
  const want = JSON.stringify(configurations);
  await waitFor(() => JSON.stringify(vscode.workspace.getConfiguration('launch').get('configurations')) === want || undefined, 'VS Code to read launch.json', 30_000);
}

async function createStoredKey(em: Emulator): Promise<{ keySid: string; secret: string }> {
  const created = await runOurs<{ keySid: string; secretStored: boolean }>('twilioCredentials.createKey', {
    confirm: true,
    accountSid: em.accountSid, friendlyName: 'terminal key', type: 'standard', then: 'done',
  });
  assert.ok(created.secretStored);
  return { keySid: created.keySid, secret: em.state.keys.get(created.keySid)!.secret };
}

describe('Credentials in terminals, tasks and debug sessions', function () {
  this.timeout(180_000);
  let ui: ScriptedUi | undefined;
  afterEach(async () => {
    ui?.restore();
    await runOurs('twilioCredentials.stopUsingInTerminals', { confirm: true });
  });

  it('a terminal opened after "Use Key in Terminals" gets the key; after "Stop Using" it does not', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const { keySid, secret } = await createStoredKey(em);
    ui = scriptUi().pick((items) => items.find((i) => i.description?.startsWith(keySid))).message('Use in Terminals');
    const chosen = await runOurs<{ accountSid: string; keySid: string }>('twilioCredentials.useInTerminals');
    const change = ui.prompts.find((p) => p.items?.includes('Use in Terminals'));
    assert.match(String(change?.text), new RegExp(`Give new terminals, tasks and debug sessions of this workspace the key "terminal key" \\(${keySid}\\)`), 'a modal says what changes before it does');
    assert.deepStrictEqual(chosen, { accountSid: em.accountSid, keySid }, 'the command returns SIDs, never the secret');
    assert.ok(ui.prompts[0].items!.some((label) => label.includes('Auth Token')), 'the Auth Token is offered too');

    const collection = t.context.environmentVariableCollection;
    assert.strictEqual(collection.persistent, false, 'VS Code must not save the collection (it holds the secret)');
    assert.ok(descriptionOf(collection).includes(keySid), 'the terminal hover names the key');
    assert.ok(!descriptionOf(collection).includes(secret));

    const prints = await inTerminal();
    assert.strictEqual(prints.TWILIO_ACCOUNT_SID, sha(em.accountSid));
    assert.strictEqual(prints.TWILIO_API_KEY, sha(keySid));
    assert.strictEqual(prints.TWILIO_API_SECRET, sha(secret));
    assert.strictEqual(prints.TWILIO_AUTH_TOKEN, null, 'no Auth Token when a key is chosen');

    // The tree says which key this workspace's terminals use.
    await t.keys.load(em.accountSid);
    const [account] = await t.accountsView.tree.getChildren();
    const node = (await t.accountsView.tree.getChildren(account)).find((n) => n.kind === 'key' && n.key.sid === keySid)!;
    const item = t.accountsView.tree.getTreeItem(node);
    assert.match(String(item.description), /in terminals/);
    assert.match(String(item.contextValue), /\.terminals/);

    assert.strictEqual(await runOurs('twilioCredentials.stopUsingInTerminals', { confirm: true }), true);
    const after = await inTerminal();
    assert.strictEqual(after.TWILIO_API_SECRET, null);
    assert.strictEqual(after.TWILIO_API_KEY, null);
  });

  it('a task gets the key from the collection, and tasks.json command variables resolve from SecretStorage', async () => {
    const { em } = await legacySlate();
    await connectEmulator(em);
    const { keySid, secret } = await createStoredKey(em);
    await runOurs('twilioCredentials.useInTerminals', { confirm: true, accountSid: em.accountSid, keySid });
    const script = fingerprintScript();
    const out = outFile('task');
    writeWorkspaceFile(
      '.vscode/tasks.json',
      JSON.stringify({
        version: '2.0.0',
        tasks: [{
          label: 'twilio fingerprints',
          type: 'shell',
          command: process.execPath,
          args: [script, out, ...VARS],
          options: { env: { FROM_COMMAND_KEY: '${command:twilioCredentials.apiKey}', FROM_COMMAND_SECRET: '${command:twilioCredentials.apiSecret}' } },
        }],
      }, null, 2),
    );
    const task = await waitFor(async () => (await vscode.tasks.fetchTasks()).find((x) => x.name === 'twilio fingerprints'), 'the tasks.json task');
    await vscode.tasks.executeTask(task);
    const prints = await readPrints(out, 'the task to run the script');
    assert.strictEqual(prints.TWILIO_API_KEY, sha(keySid));
    assert.strictEqual(prints.TWILIO_API_SECRET, sha(secret));
    assert.strictEqual(prints.FROM_COMMAND_KEY, sha(keySid));
    assert.strictEqual(prints.FROM_COMMAND_SECRET, sha(secret));
    assert.ok(!fs.readFileSync(path.join(workspaceRoot(), '.vscode', 'tasks.json'), 'utf8').includes(secret), 'nothing was written to tasks.json');
  });

  it('a Node debug session of a launch.json configuration gets the key from "twilioCredentials": true and from command variables; one built in code gets nothing', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const { keySid, secret } = await createStoredKey(em);
    await runOurs('twilioCredentials.useInTerminals', { confirm: true, accountSid: em.accountSid, keySid });
    const folder = vscode.workspace.workspaceFolders![0];
    const out = outFile('debug');
    const config = {
      type: 'node',
      request: 'launch',
      name: 'fingerprints (Node)',
      program: fingerprintScript(),
      args: [out, ...VARS],
      env: { FROM_COMMAND_SECRET: '${command:twilioCredentials.apiSecret}' },
      twilioCredentials: true,
    };
    await launchJson([config]);
    const started = await vscode.debug.startDebugging(folder, config.name);
    assert.strictEqual(started, true, 'js-debug started the session');
    const prints = await readPrints(out, 'the debugged script to run');
    assert.strictEqual(prints.TWILIO_ACCOUNT_SID, sha(em.accountSid));
    assert.strictEqual(prints.TWILIO_API_KEY, sha(keySid));
    assert.strictEqual(prints.TWILIO_API_SECRET, sha(secret));
    assert.strictEqual(prints.FROM_COMMAND_SECRET, sha(secret));
    await waitFor(() => vscode.debug.activeDebugSession === undefined || undefined, 'the session to end', 30_000).catch(() => vscode.debug.stopDebugging());

    // The same configuration built in code (as another extension could): no workspace file
    // defines it with this program, so it gets nothing and the launch is refused.
    ui = scriptUi();
    const built = outFile('debug-built');
    assert.strictEqual(await vscode.debug.startDebugging(folder, { ...config, args: [built, ...VARS] }), false, 'a configuration no workspace file defines is not launched');
    assert.ok(ui.prompts.some((p) => p.kind === 'error' && /only to launch configurations and tasks that this workspace/.test(p.text)), `prompts: ${ui.prompts.map((p) => p.text).join(' | ')}`);
    assert.ok(!fs.existsSync(built), 'the script never ran');
    ui.restore();

    // With no key chosen for the workspace, the launch asks, naming the configuration; dismissed, nothing runs.
    await runOurs('twilioCredentials.stopUsingInTerminals', { confirm: true });
    ui = scriptUi().message(undefined);
    const unchosen = outFile('debug-unchosen');
    await launchJson([{ ...config, args: [unchosen, ...VARS] }]);
    assert.strictEqual(await vscode.debug.startDebugging(folder, config.name), false, 'no choice, no answer: not launched');
    const ask = ui.prompts.find((p) => p.items?.includes('Choose Key…'));
    assert.match(String(ask?.text), /The launch configuration "fingerprints \(Node\)" of launch\.json asks for Twilio credentials/);
    assert.ok((ask?.options as { modal?: boolean }).modal);
    assert.strictEqual(t.terminals.credentials.choice, undefined, 'choosing is the user\'s');
    assert.ok(!fs.existsSync(unchosen));
    ui.restore();

    // Without the opt-in, the debug configuration provider adds nothing.
    const plain = outFile('debug-plain');
    assert.strictEqual(await vscode.debug.startDebugging(folder, { type: 'node', request: 'launch', name: 'plain', program: fingerprintScript(), args: [plain, ...VARS] }), true);
    assert.strictEqual((await readPrints(plain, 'the plain debugged script')).TWILIO_API_SECRET, null);
  });

  it('a launch.json configuration naming another key asks once, naming the key and the workspace; the tree shows the grant until it is withdrawn', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const chosen = await createStoredKey(em);
    const other = await createStoredKey(em);
    await runOurs('twilioCredentials.useInTerminals', { confirm: true, accountSid: em.accountSid, keySid: chosen.keySid });
    const folder = vscode.workspace.workspaceFolders![0];
    const config = (out: string) => ({
      type: 'node', request: 'launch', name: 'named key', program: fingerprintScript(), args: [out, ...VARS],
      twilioCredentials: { accountSid: em.accountSid, keySid: other.keySid },
    });
    // The output file is an argument: each launch below is its own launch.json entry.
    const launch = async (answer: string | undefined) => {
      const out = outFile('named');
      await launchJson([config(out)]);
      ui = scriptUi().message(answer);
      const started = await vscode.debug.startDebugging(folder, 'named key');
      ui.restore();
      return { started, out, asked: ui.prompts.filter((p) => p.items?.includes('Allow for This Workspace')) };
    };

    const refused = await launch(undefined);
    assert.strictEqual(refused.started, false, 'dismissed: no launch');
    assert.strictEqual(refused.asked.length, 1);
    assert.match(refused.asked[0].text, new RegExp(`Let launch configurations of ".+" use the key ".+" \\(${other.keySid}\\) of "Emulator"\\?`));
    assert.deepStrictEqual(t.terminals.credentials.grants, [], 'nothing is granted when dismissed');

    const allowed = await launch('Allow for This Workspace');
    assert.strictEqual(allowed.started, true);
    assert.strictEqual((await readPrints(allowed.out, 'the granted session')).TWILIO_API_SECRET, sha(other.secret), 'it gets the key it names');
    await waitFor(() => vscode.debug.activeDebugSession === undefined || undefined, 'the session to end', 30_000).catch(() => vscode.debug.stopDebugging());
    assert.deepStrictEqual(t.terminals.credentials.grants, [{ accountSid: em.accountSid, keySid: other.keySid }], 'SIDs only');
    assert.ok(!JSON.stringify(t.context.workspaceState.get('twilioCredentials.launchGrants')).includes(other.secret));

    const again = await launch(undefined);
    assert.strictEqual(again.started, true, 'asked once: the next launch needs no answer');
    assert.strictEqual(again.asked.length, 0);
    await readPrints(again.out, 'the second granted session');
    await waitFor(() => vscode.debug.activeDebugSession === undefined || undefined, 'the session to end', 30_000).catch(() => vscode.debug.stopDebugging());

    // The tree shows the grant under the account; its row withdraws it.
    const [account] = await t.accountsView.tree.getChildren();
    const grantRow = (await t.accountsView.tree.getChildren(account)).find((n) => n.kind === 'grant');
    assert.ok(grantRow, 'a grant row under the account');
    assert.strictEqual(t.accountsView.tree.getTreeItem(grantRow).contextValue, 'launchGrant');
    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.withdrawLaunchGrant', grantRow), true);
    assert.deepStrictEqual(t.terminals.credentials.grants, []);
    const withdrawn = await launch(undefined);
    assert.strictEqual(withdrawn.asked.length, 1, 'withdrawn: asked again');
    assert.strictEqual(withdrawn.started, false);
  });

  it('launch.json accepts "twilioCredentials" in any configuration and completes it, but still flags typos', async () => {
    await legacySlate();
    const file = writeWorkspaceFile(
      '.vscode/launch.json',
      `{
  "version": "0.2.0",
  "configurations": [
    { "type": "node", "request": "launch", "name": "app", "program": "\${workspaceFolder}/app.js", "twilioCredentials": true, "twilioCredentialz": true },
    { "type": "node", "request": "launch", "name": "other",
      
    }
  ]
}
`,
    );
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.some((x) => /twilioCredentialz/.test(x.message)) ? d : undefined;
    }, 'the JSON language server to validate launch.json', 60_000);
    assert.deepStrictEqual(diags.filter((d) => /twilioCredentials\b/.test(d.message) && !/twilioCredentialz/.test(d.message)).map((d) => d.message), [], 'no warning on twilioCredentials');
    const line = doc.getText().split('\n').findIndex((l) => /^\s*$/.test(l) && l.length > 0);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 6));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.some((l) => l.includes('twilioCredentials')), `completion offers twilioCredentials (got ${labels.length} items)`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the Auth Token can be chosen, with a note that a key is better', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    ui = scriptUi().message(undefined);
    await runOurs('twilioCredentials.useInTerminals', { confirm: true, accountSid: em.accountSid });
    ui.restore();
    assert.strictEqual(t.context.environmentVariableCollection.get('TWILIO_AUTH_TOKEN')?.value === em.authToken, true);
    assert.strictEqual(t.context.environmentVariableCollection.get('TWILIO_API_SECRET'), undefined);
    assert.match(descriptionOf(t.context.environmentVariableCollection), /API key is better/);
    const prints = await inTerminal();
    assert.strictEqual(prints.TWILIO_AUTH_TOKEN, sha(em.authToken));
  });

  it('deleting the key (here or in another window) stops handing it out', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const { keySid } = await createStoredKey(em);
    await runOurs('twilioCredentials.useInTerminals', { confirm: true, accountSid: em.accountSid, keySid });
    assert.ok(t.context.environmentVariableCollection.get('TWILIO_API_SECRET'));
    ui = scriptUi().message(undefined, undefined);
    await runOurs('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid, confirm: true });
    await waitFor(() => t.context.environmentVariableCollection.get('TWILIO_API_SECRET') === undefined || undefined, 'the collection to be cleared');
    assert.strictEqual(t.terminals.credentials.choice, undefined);
  });
});
