import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { cleanSlate, connectEmulator, waitFor, workspaceRoot, writeWorkspaceFile, runOurs, fp } from '../helpers';
import { scriptUi, ScriptedUi } from '../ui';
import { fakeAccountSid, fakeAuthToken } from '../../support/fakeCredentials';
import { envVariableNames } from '../../../src/platform/config';

describe('Restricted Mode (an untrusted workspace)', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('runs untrusted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('still warns about hardcoded tokens, ignoring workspace settings that would switch detection off', async () => {
    await cleanSlate();
    const file = writeWorkspaceFile('src/app.js', `const authToken = '${fakeAuthToken()}';\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Twilio Credentials');
      return d.length ? d : undefined;
    }, 'a diagnostic despite detection.enabled=false in the workspace');
    assert.strictEqual(diags.length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('ignores workspace settings that rename where secrets are written', () => {
    const settings = fs.readFileSync(path.join(workspaceRoot(), '.vscode', 'settings.json'), 'utf8');
    assert.match(settings, /"twilioCredentials\.env\.apiSecretVariable": "PUBLIC_CONFIG_VALUE"/, 'the workspace does try');
    assert.strictEqual(envVariableNames().apiSecret, 'TWILIO_API_SECRET');
  });

  it('writes no .env file: a created key stays in SecretStorage only', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const env = path.join(workspaceRoot(), '.env');
    ui = scriptUi();
    const created = await runOurs<{ keySid: string; secretStored: boolean; envFile?: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid, friendlyName: 'untrusted', type: 'standard', envFile: env,
    });
    assert.strictEqual(created.secretStored, true);
    assert.strictEqual(created.envFile, undefined);
    assert.strictEqual(fs.existsSync(env), false);
    assert.ok(ui.prompts.some((p) => p.kind === 'warning' && /Restricted Mode/.test(p.text)));
    assert.ok(await t.keySecret(em.accountSid, created.keySid), 'the secret is stored');
  });

  it('the Move to .env quick fix writes nothing and leaves the code alone', async () => {
    await cleanSlate();
    const token = fakeAuthToken();
    const file = writeWorkspaceFile('src/move.js', `const authToken = '${token}';\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor(async () => {
      const l = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []).filter((x) => x.command?.command === 'twilioCredentials.moveToEnv');
      return l.length ? l : undefined;
    }, 'the Move to .env lens');
    ui = scriptUi();
    await vscode.commands.executeCommand(lenses[0].command!.command, ...(lenses[0].command!.arguments ?? []));
    assert.strictEqual(doc.getText(), `const authToken = '${token}';\n`);
    assert.strictEqual(fs.existsSync(path.join(workspaceRoot(), 'src', '.env')), false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('does not offer to connect credentials found in the untrusted workspace\'s .env', async () => {
    const { t } = await cleanSlate();
    const accountSid = fakeAccountSid();
    const env = writeWorkspaceFile('.env', `TWILIO_ACCOUNT_SID=${accountSid}\nTWILIO_AUTH_TOKEN=${fakeAuthToken()}\n`);
    try {
      const index = await t.envIndex(vscode.Uri.file(env));
      assert.ok(index.some((f) => f.assignments.some((a) => a.value === fp(accountSid))), 'the index did read the file');
      ui = scriptUi().message('Connect');
      await runOurs('twilioCredentials.connectFromEnvironment');
      assert.ok(!ui.prompts.some((p) => p.text.includes(accountSid) || (p.items ?? []).includes('Connect')), `no offer to connect: ${JSON.stringify(ui.prompts.map((p) => p.text))}`);
      assert.strictEqual((await t.account(accountSid)), undefined);
    } finally {
      fs.rmSync(env, { force: true });
    }
  });

  it('"Ignore this value everywhere" writes no .twilio-credentials-ignore and no comment', async () => {
    await cleanSlate();
    const token = fakeAuthToken();
    const file = writeWorkspaceFile('src/ignore.js', `const authToken = '${token}';\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor(async () => {
      const l = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []).filter((x) => x.command?.command === 'twilioCredentials.ignoreFinding');
      return l.length ? l : undefined;
    }, 'the Ignore lens');
    const ref = (lenses[0].command!.arguments ?? [])[0] as object;
    ui = scriptUi();
    await runOurs('twilioCredentials.ignoreFinding', { ...ref, how: 'file' });
    await runOurs('twilioCredentials.ignoreFinding', { ...ref, how: 'comment' });
    assert.strictEqual(fs.existsSync(path.join(workspaceRoot(), '.twilio-credentials-ignore')), false);
    assert.strictEqual(doc.getText(), `const authToken = '${token}';\n`);
    assert.ok(ui.prompts.some((p) => p.kind === 'warning' && /Restricted Mode/.test(p.text)));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
