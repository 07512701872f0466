import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { cleanSlate, waitFor, workspaceRoot, writeWorkspaceFile, codeActionsAt, runOurs } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import { fakeAccountSid, fakeAuthToken } from '../support/fakeCredentials';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Twilio Credentials');
}

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return all.filter((l) => l.command?.command.startsWith('twilioCredentials.'));
}

async function open(rel: string, text: string): Promise<vscode.TextEditor> {
  const file = writeWorkspaceFile(rel, text);
  const doc = await vscode.workspace.openTextDocument(file);
  return vscode.window.showTextDocument(doc);
}

describe('Hardcoded credentials in the editor', () => {
  let ui: ScriptedUi | undefined;
  afterEach(async () => {
    ui?.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('warns with a CodeLens, a diagnostic and a hover, and clears them when the token is removed', async () => {
    await cleanSlate();
    const sid = fakeAccountSid();
    const token = fakeAuthToken();
    const editor = await open('src/send.js', `const twilio = require('twilio');\nconst client = twilio('${sid}', '${token}');\n`);
    const uri = editor.document.uri;
    const diags = await waitFor(() => (ours(uri).length ? ours(uri) : undefined), 'a diagnostic');
    assert.strictEqual(diags.length, 1);
    assert.strictEqual(diags[0].range.start.line, 1);
    assert.strictEqual((diags[0].code as { value: string }).value, 'twilio-auth-token');
    assert.ok(!diags[0].message.includes(token.slice(0, 28)), 'the message shows at most the last 4 characters');
    const ls = await lenses(uri);
    assert.deepStrictEqual(ls.map((l) => l.command?.title.replace(/\$\([^)]*\)\s*/, '')), ['Hardcoded Twilio Auth Token', 'Move to .env', 'Ignore']);
    assert.ok(ls.every((l) => l.range.start.line === 1));
    assert.ok(!JSON.stringify(ls.map((l) => l.command?.arguments)).includes(token), 'lens arguments never carry the value');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, diags[0].range.start.translate(0, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /full control of the Twilio account/);

    // Deleting the token clears everything.
    await editor.edit((e) => e.replace(diags[0].range, ''));
    await waitFor(() => (ours(uri).length === 0 ? true : undefined), 'the diagnostic to clear');
    assert.deepStrictEqual(await lenses(uri), []);
  });

  it('appears as the token is typed, one lens group per line however many matches', async () => {
    await cleanSlate();
    const editor = await open('src/typed.py', 'from twilio.rest import Client\n\n');
    const uri = editor.document.uri;
    const token = fakeAuthToken();
    const other = fakeAuthToken();
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), `client = Client("${fakeAccountSid()}", "${token}")  # auth_token="${other}"\n`));
    await waitFor(() => (ours(uri).length >= 1 ? true : undefined), 'diagnostics after typing');
    const ls = await lenses(uri);
    assert.strictEqual(ls.length, 3, 'one group of three lenses on the line');
  });

  it('Move to .env replaces the literal with process.env.TWILIO_AUTH_TOKEN in one undoable edit', async () => {
    await cleanSlate();
    const token = fakeAuthToken();
    const editor = await open('app/config.js', `const authToken = '${token}';\nmodule.exports = { authToken };\n`);
    fs.writeFileSync(path.join(workspaceRoot(), 'app', '.env.example'), 'PORT=\n');
    const uri = editor.document.uri;
    await waitFor(() => (ours(uri).length ? true : undefined), 'a diagnostic');
    const actions = await codeActionsAt(uri, ours(uri)[0].range);
    const move = actions.find((a) => a.title.startsWith('Move Twilio Auth Token to .env'))!;
    assert.ok(move, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.strictEqual(move.isPreferred, true);
    const env = path.join(workspaceRoot(), 'app', '.env');
    // The picker offers a new .env beside the code.
    ui = scriptUi().pick('app/.env').message('Write to .env', undefined);
    await vscode.commands.executeCommand(move.command!.command, ...(move.command!.arguments ?? []));
    assert.strictEqual(editor.document.lineAt(0).text, 'const authToken = process.env.TWILIO_AUTH_TOKEN;');
    assert.strictEqual(fs.readFileSync(env, 'utf8'), `TWILIO_AUTH_TOKEN=${token}\n`);
    assert.strictEqual(fs.readFileSync(path.join(workspaceRoot(), 'app', '.env.example'), 'utf8'), 'PORT=\nTWILIO_AUTH_TOKEN=\n');
    assert.ok(ui.prompts.some((p) => p.kind === 'info' && /un-leak/.test(p.text)), 'reminds that moving does not un-leak');
    const write = ui.prompts.find((p) => p.items?.includes('Write to .env'));
    assert.match(String(write?.text), /^Write the hardcoded .+ to (.+\/)?app\/\.env\?$/, `a modal names the file before the secret is written: ${String(write?.text)}`);
    assert.match(String((write?.options as { detail?: string }).detail), /TWILIO_AUTH_TOKEN/);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.lineAt(0).text, `const authToken = '${token}';`, 'undo restores the literal');
  });

  it('Move to .env in Python adds import os', async () => {
    await cleanSlate();
    const token = fakeAuthToken();
    const editor = await open('py/settings.py', `TWILIO_AUTH_TOKEN = "${token}"\n`);
    const uri = editor.document.uri;
    await waitFor(() => (ours(uri).length ? true : undefined), 'a diagnostic');
    const [lens] = (await lenses(uri)).filter((l) => l.command?.command === 'twilioCredentials.moveToEnv');
    ui = scriptUi().pick('py/.env').message('Write to .env', undefined);
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.strictEqual(editor.document.getText(), 'import os\nTWILIO_AUTH_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]\n');
  });

  it('offers twilio() for a client built from two literals', async () => {
    await cleanSlate();
    const sid = fakeAccountSid();
    const token = fakeAuthToken();
    const editor = await open('node/client.js', `const client = require('twilio')('${sid}', '${token}');\n`);
    const uri = editor.document.uri;
    await waitFor(() => (ours(uri).length ? true : undefined), 'a diagnostic');
    const actions = await codeActionsAt(uri, ours(uri)[0].range);
    const useEnv = actions.find((a) => a.command?.command === 'twilioCredentials.useEnvReadingClient');
    assert.ok(useEnv, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    ui = scriptUi().pick('node/.env').message('Write to .env', undefined);
    await vscode.commands.executeCommand(useEnv.command!.command, ...(useEnv.command!.arguments ?? []));
    assert.strictEqual(editor.document.lineAt(0).text, "const client = require('twilio')();");
    assert.strictEqual(fs.readFileSync(path.join(workspaceRoot(), 'node', '.env'), 'utf8'), `TWILIO_ACCOUNT_SID=${sid}\nTWILIO_AUTH_TOKEN=${token}\n`);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.lineAt(0).text, `const client = require('twilio')('${sid}', '${token}');`, 'undo restores the arguments');
  });

  it('Ignore on this line adds a comment that silences the warning, and undo brings it back', async () => {
    await cleanSlate();
    const editor = await open('ignore/comment.js', `const authToken = '${fakeAuthToken()}';\n`);
    const uri = editor.document.uri;
    await waitFor(() => (ours(uri).length ? true : undefined), 'a diagnostic');
    const actions = await codeActionsAt(uri, ours(uri)[0].range);
    const ignore = actions.find((a) => a.title.includes('on this line'))!;
    await vscode.commands.executeCommand(ignore.command!.command, ...(ignore.command!.arguments ?? []));
    assert.strictEqual(editor.document.lineAt(0).text, '// twilio-credentials-ignore');
    await waitFor(() => (ours(uri).length === 0 ? true : undefined), 'the warning to go');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => (ours(uri).length === 1 ? true : undefined), 'the warning to return');
  });

  it('Ignore everywhere writes the fingerprint (never the value) to .twilio-credentials-ignore, which the CLI honours too', async () => {
    const { t } = await cleanSlate();
    const token = fakeAuthToken();
    const editor = await open('ignore/file.rb', `@client = Twilio::REST::Client.new(account_sid, "${token}")\n`);
    const uri = editor.document.uri;
    await waitFor(() => (ours(uri).length ? true : undefined), 'a diagnostic');
    const actions = await codeActionsAt(uri, ours(uri)[0].range);
    const ignore = actions.find((a) => a.title.includes('everywhere'))!;
    await vscode.commands.executeCommand(ignore.command!.command, ...(ignore.command!.arguments ?? []));
    const file = fs.readFileSync(path.join(workspaceRoot(), '.twilio-credentials-ignore'), 'utf8');
    assert.match(file, /tc1:[0-9a-f]{16}/);
    assert.ok(!file.includes(token));
    await waitFor(() => (ours(uri).length === 0 ? true : undefined), 'the warning to go');
    // The CLI reads the same ignore file: the value no longer fails a scan of that folder.
    await editor.document.save();
    const cli = path.join(t.paths.extension, 'dist', 'cli.js');
    const scan = (cwd: string) => spawnSync(process.execPath, [cli, 'scan', 'ignore/file.rb'], { cwd, encoding: 'utf8' });
    assert.strictEqual(scan(workspaceRoot()).status, 0, 'ignored by fingerprint');
    fs.rmSync(path.join(workspaceRoot(), '.twilio-credentials-ignore'));
    const again = scan(workspaceRoot());
    assert.strictEqual(again.status, 1, 'reported again without the ignore file');
    assert.ok(!again.stdout.includes(token), 'the CLI never prints the value');
  });

  it('a .env file holding a token is information, not a warning', async () => {
    await cleanSlate();
    const editor = await open('envonly/.env', `TWILIO_AUTH_TOKEN=${fakeAuthToken()}\n`);
    const uri = editor.document.uri;
    const diags = await waitFor(() => (ours(uri).length ? ours(uri) : undefined), 'a diagnostic');
    assert.strictEqual(diags[0].severity, vscode.DiagnosticSeverity.Information);
    assert.deepStrictEqual(await lenses(uri), [], 'no CodeLens in .env');
  });

  it('marks a hardcoded value equal to a stored secret as a live credential', async () => {
    const { em } = await cleanSlate();
    await runOurs('twilioCredentials.connectAccount', { label: 'E', accountSid: em.accountSid, authToken: em.authToken, region: 'us1' });
    const editor = await open('live/app.js', `const authToken = '${em.authToken}';\n`);
    const uri = editor.document.uri;
    const diags = await waitFor(() => (ours(uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? ours(uri) : undefined), 'an error diagnostic');
    assert.match(diags[0].message, /live/i);
  });

  it('scans the whole workspace into Problems with a cancellable progress', async () => {
    await cleanSlate();
    const file = writeWorkspaceFile('deep/nested/worker.go', `package main\n\nvar authToken = "${fakeAuthToken()}"\n`);
    const summary = await runOurs<{ scanned: number; secrets: number }>('twilioCredentials.scanWorkspace');
    assert.ok(summary.scanned >= 1);
    assert.ok(ours(vscode.Uri.file(file)).length === 1, 'the unopened file has a Problems entry');
  });
});

describe('Is it live? and the status bar', () => {
  let ui: ScriptedUi | undefined;
  afterEach(async () => {
    ui?.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function checkLive(rel: string, text: string): Promise<{ result: boolean | undefined; prompts: ScriptedUi['prompts'] }> {
    const editor = await open(rel, text);
    const uri = editor.document.uri;
    await waitFor(() => (ours(uri).length ? true : undefined), 'a diagnostic');
    const actions = await codeActionsAt(uri, ours(uri)[0].range);
    const live = actions.find((a) => a.command?.command === 'twilioCredentials.checkLive')!;
    assert.ok(live, actions.map((a) => a.title).join(' | '));
    ui = scriptUi();
    const result = await vscode.commands.executeCommand<boolean | undefined>(live.command!.command, ...(live.command!.arguments ?? []));
    return { result, prompts: ui.prompts };
  }

  it('says a hardcoded token that works is LIVE, asking Twilio and storing nothing', async () => {
    const { t, em } = await cleanSlate();
    em.clearRequests();
    const { result, prompts } = await checkLive('live-check/yes.js', `const client = require('twilio')('${em.accountSid}', '${em.authToken}');\n`);
    assert.strictEqual(result, true);
    assert.ok(prompts.some((p) => p.kind === 'warning' && /LIVE/.test(p.text) && !p.text.includes(em.authToken)));
    assert.ok(em.requests.some((r) => r.path === `/2010-04-01/Accounts/${em.accountSid}.json`), 'Twilio was asked');
    assert.deepStrictEqual((await t.accounts()), [], 'nothing was connected or stored');
  });

  it('says a token Twilio refuses is not live', async () => {
    const { em } = await cleanSlate();
    const { result, prompts } = await checkLive('live-check/no.js', `const client = require('twilio')('${em.accountSid}', '${fakeAuthToken()}');\n`);
    assert.strictEqual(result, false);
    assert.ok(prompts.some((p) => p.kind === 'info' && /Not live/.test(p.text)));
  });

  it('the status bar counts hardcoded secrets and opens Problems', async () => {
    const { t } = await cleanSlate();
    const before = t.statusBar().problems;
    await open('status/a.js', `const authToken = '${fakeAuthToken()}';\n`);
    await waitFor(() => (t.statusBar().text === `$(key) ${before + 1}` ? true : undefined), `a count of ${before + 1}`);
    assert.strictEqual(t.statusBar().command, 'workbench.actions.view.problems');
  });
});
