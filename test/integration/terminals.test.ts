// "Use Key in Terminals" and debug sessions in the real VS Code: a terminal, a task and a Node
// debug session started afterwards see the variables. A script run in each writes SHA-256
// fingerprints of what it got (never the values) to a file the test compares.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { createHash } from 'crypto';
import { cleanSlate, connectEmulator, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';
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

async function createStoredKey(em: Emulator): Promise<{ keySid: string; secret: string }> {
  const created = await vscode.commands.executeCommand<{ keySid: string; secretStored: boolean }>('twilioCredentials.createKey', {
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
    await vscode.commands.executeCommand('twilioCredentials.stopUsingInTerminals');
  });

  it('a terminal opened after "Use Key in Terminals" gets the key; after "Stop Using" it does not', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const { keySid, secret } = await createStoredKey(em);
    ui = scriptUi().pick((items) => items.find((i) => i.description?.startsWith(keySid)));
    const chosen = await vscode.commands.executeCommand<{ accountSid: string; keySid: string }>('twilioCredentials.useInTerminals');
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

    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.stopUsingInTerminals'), true);
    const after = await inTerminal();
    assert.strictEqual(after.TWILIO_API_SECRET, null);
    assert.strictEqual(after.TWILIO_API_KEY, null);
  });

  it('a task gets the key from the collection, and tasks.json command variables resolve from SecretStorage', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const { keySid, secret } = await createStoredKey(em);
    await vscode.commands.executeCommand('twilioCredentials.useInTerminals', { accountSid: em.accountSid, keySid });
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

  it('a Node debug session of a script gets the key from "twilioCredentials": true and from command variables', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const { keySid, secret } = await createStoredKey(em);
    await vscode.commands.executeCommand('twilioCredentials.useInTerminals', { accountSid: em.accountSid, keySid });
    const folder = vscode.workspace.workspaceFolders![0];
    const out = outFile('debug');
    const started = await vscode.debug.startDebugging(folder, {
      type: 'node',
      request: 'launch',
      name: 'fingerprints (Node)',
      program: fingerprintScript(),
      args: [out, ...VARS],
      env: { FROM_COMMAND_SECRET: '${command:twilioCredentials.apiSecret}' },
      twilioCredentials: true,
    });
    assert.strictEqual(started, true, 'js-debug started the session');
    const prints = await readPrints(out, 'the debugged script to run');
    assert.strictEqual(prints.TWILIO_ACCOUNT_SID, sha(em.accountSid));
    assert.strictEqual(prints.TWILIO_API_KEY, sha(keySid));
    assert.strictEqual(prints.TWILIO_API_SECRET, sha(secret));
    assert.strictEqual(prints.FROM_COMMAND_SECRET, sha(secret));
    await waitFor(() => vscode.debug.activeDebugSession === undefined || undefined, 'the session to end', 30_000).catch(() => vscode.debug.stopDebugging());

    // Without the opt-in, the debug configuration provider adds nothing.
    await vscode.commands.executeCommand('twilioCredentials.stopUsingInTerminals');
    const plain = outFile('debug-plain');
    assert.strictEqual(await vscode.debug.startDebugging(folder, { type: 'node', request: 'launch', name: 'plain', program: fingerprintScript(), args: [plain, ...VARS] }), true);
    assert.strictEqual((await readPrints(plain, 'the plain debugged script')).TWILIO_API_SECRET, null);
  });

  it('launch.json accepts "twilioCredentials" in any configuration and completes it, but still flags typos', async () => {
    await cleanSlate();
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
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    ui = scriptUi().message(undefined);
    await vscode.commands.executeCommand('twilioCredentials.useInTerminals', { accountSid: em.accountSid });
    ui.restore();
    assert.strictEqual(t.context.environmentVariableCollection.get('TWILIO_AUTH_TOKEN')?.value === em.authToken, true);
    assert.strictEqual(t.context.environmentVariableCollection.get('TWILIO_API_SECRET'), undefined);
    assert.match(descriptionOf(t.context.environmentVariableCollection), /API key is better/);
    const prints = await inTerminal();
    assert.strictEqual(prints.TWILIO_AUTH_TOKEN, sha(em.authToken));
  });

  it('deleting the key (here or in another window) stops handing it out', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const { keySid } = await createStoredKey(em);
    await vscode.commands.executeCommand('twilioCredentials.useInTerminals', { accountSid: em.accountSid, keySid });
    assert.ok(t.context.environmentVariableCollection.get('TWILIO_API_SECRET'));
    ui = scriptUi().message(undefined, undefined);
    await vscode.commands.executeCommand('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid, confirm: true });
    await waitFor(() => t.context.environmentVariableCollection.get('TWILIO_API_SECRET') === undefined || undefined, 'the collection to be cleared');
    assert.strictEqual(t.terminals.credentials.choice, undefined);
  });
});
