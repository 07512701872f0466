import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { cleanSlate, connectEmulator, waitFor, workspaceRoot, writeWorkspaceFile, codeActionsAt, runOurs, storedKeySecret, fp } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import { fakeAccountSid, fakeAuthToken } from '../support/fakeCredentials';
import type { ReplaceAuthTokenResult as Result } from '../../src/features/replace/replaceAuthToken';

const ROTATE = 'twilioCredentials.rotateAuthToken';

function ours(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Twilio Credentials' && (d.code as { value?: string })?.value === code);
}

async function open(rel: string, text: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(writeWorkspaceFile(rel, text));
  return vscode.window.showTextDocument(doc);
}

/** The replace quick fix on the Auth Token's diagnostic. */
async function replaceAction(uri: vscode.Uri): Promise<vscode.CodeAction> {
  const [diag] = await waitFor(() => (ours(uri, 'twilio-auth-token').length ? ours(uri, 'twilio-auth-token') : undefined), 'the Auth Token diagnostic');
  const actions = await codeActionsAt(uri, diag.range);
  const replace = actions.find((a) => a.command?.command === 'twilioCredentials.replaceAuthTokenWithKey');
  assert.ok(replace, `actions: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(!JSON.stringify(replace.command?.arguments).match(/[0-9a-f]{32}/), 'the action\'s arguments carry no token');
  return replace;
}

/** The document's text on disk once saved (VS Code may already have saved a refactored file). */
async function saved(document: vscode.TextDocument, expected: string): Promise<void> {
  assert.strictEqual(document.getText(), expected);
  if (document.isDirty) await document.save();
  await waitFor(() => (fs.readFileSync(document.uri.fsPath, 'utf8') === expected ? true : undefined), 'the file on disk to hold the rewritten code');
}

/**
 * Rotate Auth Token belongs to another part of the extension; where it is not registered, a
 * stand-in records the call so the offer can be followed through.
 */
function rotateStandIn(): { calls: unknown[]; real: PromiseLike<boolean>; dispose(): void } {
  const calls: unknown[] = [];
  let disposable: vscode.Disposable | undefined;
  const real = vscode.commands.getCommands(true).then((all) => {
    if (all.includes(ROTATE)) return true;
    disposable = vscode.commands.registerCommand(ROTATE, (a: unknown) => void calls.push(a));
    return false;
  });
  return { calls, real, dispose: () => disposable?.dispose() };
}

describe('Replace an Auth Token with an API key', function () {
  // Creating a key, writing files and editing code: slow on a loaded machine.
  this.timeout(180_000);
  let ui: ScriptedUi | undefined;
  let stand: ReturnType<typeof rotateStandIn> | undefined;
  afterEach(async () => {
    ui?.restore();
    stand?.dispose();
    stand = undefined;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('JavaScript: a Standard key, stored and in .env, the client rewritten in one undoable edit, then the offer to rotate', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    stand = rotateStandIn();
    const realRotate = await stand.real;
    const token = fakeAuthToken();
    const original = `const twilio = require('twilio');\n\nconst client = twilio('${em.accountSid}', '${token}');\n\nmodule.exports = client;\n`;
    const editor = await open('replace/js/sms.js', original);
    const uri = editor.document.uri;
    const action = await replaceAction(uri);
    // Name, type (the Create API Key picker), the modal that says what will happen, the .env beside the code, then the rotation offer.
    ui = scriptUi().input('sms sender').pick('Standard').message('Create Key').pick('replace/js/.env').message(realRotate ? undefined : 'Rotate Auth Token');
    const result = await vscode.commands.executeCommand<Result>(action.command!.command, ...(action.command!.arguments ?? []));

    const server = em.state.keys.get(result.keySid);
    assert.ok(server, 'the key exists in the emulator');
    assert.strictEqual(server.type, 'standard');
    assert.strictEqual(server.friendlyName, 'sms sender');
    assert.strictEqual(await storedKeySecret(t, em.accountSid, result.keySid), fp(server.secret), 'the secret is stored in SecretStorage');
    assert.ok(!JSON.stringify(result).includes(server.secret), 'the result never carries the secret');
    assert.strictEqual(
      fs.readFileSync(path.join(workspaceRoot(), 'replace', 'js', '.env'), 'utf8'),
      `TWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_API_KEY=${result.keySid}\nTWILIO_API_SECRET=${server.secret}\n`,
    );
    const rewritten = `const twilio = require('twilio');\n\nconst client = twilio(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { accountSid: '${em.accountSid}' });\n\nmodule.exports = client;\n`;
    assert.strictEqual(editor.document.getText(), rewritten);
    assert.strictEqual(result.clientsRewritten, 1);
    assert.deepStrictEqual(result.stillHardcodedLines, []);

    // The offer to rotate, and what it runs.
    const offer = ui.prompts.find((p) => p.kind === 'info' && /rotate it so it is dead/.test(p.text));
    assert.ok(offer, `prompts: ${ui.prompts.map((p) => p.text).join(' | ')}`);
    assert.deepStrictEqual(offer.items, ['Rotate Auth Token']);
    assert.strictEqual(result.rotateOffered, true);
    if (!realRotate) assert.deepStrictEqual(stand.calls, [{ accountSid: em.accountSid }]);

    // One undo restores the code; redo and save give the bytes on disk.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), original);
    await vscode.commands.executeCommand('redo');
    assert.strictEqual(editor.document.getText(), rewritten);
    await saved(editor.document, rewritten);
  });

  it('Python: Client(key, secret, account_sid) with import os, from an argument object', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const token = fakeAuthToken();
    const editor = await open('replace/py/app.py', `from twilio.rest import Client\n\nclient = Client("${em.accountSid}", "${token}")\n`);
    ui = scriptUi();
    const result = await runOurs<Result>('twilioCredentials.replaceAuthTokenWithKey', {
      confirm: true,
      uri: editor.document.uri.toString(),
      envFile: 'replace/py/.env',
      friendlyName: 'py worker',
      type: 'standard',
      rotate: false,
    });
    const server = em.state.keys.get(result.keySid)!;
    assert.ok(server, 'the key exists in the emulator');
    assert.strictEqual(await storedKeySecret(t, em.accountSid, result.keySid), fp(server.secret));
    await saved(editor.document, `import os\nfrom twilio.rest import Client\n\nclient = Client(os.environ["TWILIO_API_KEY"], os.environ["TWILIO_API_SECRET"], "${em.accountSid}")\n`);
    assert.strictEqual(
      fs.readFileSync(path.join(workspaceRoot(), 'replace', 'py', '.env'), 'utf8'),
      `TWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_API_KEY=${result.keySid}\nTWILIO_API_SECRET=${server.secret}\n`,
    );
    assert.strictEqual(result.rotateOffered, false, 'rotate: false asks nothing');
  });

  it('.env: a Restricted key written beside TWILIO_ACCOUNT_SID, every other byte kept, the template gets names only', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    stand = rotateStandIn();
    const realRotate = await stand.real;
    const token = fakeAuthToken();
    const envText = `# local settings\r\nTWILIO_ACCOUNT_SID=${em.accountSid}\r\nTWILIO_AUTH_TOKEN=${token}  # old\r\nPORT=3000\r\n`;
    writeWorkspaceFile('replace/env/.env.example', 'TWILIO_ACCOUNT_SID=\nTWILIO_AUTH_TOKEN=\n');
    const editor = await open('replace/env/.env', envText);
    const action = await replaceAction(editor.document.uri);
    ui = scriptUi().input('inbound sms').pick('Restricted', ['/twilio/messaging/messages/create']).message('Create Key', undefined);
    const result = await vscode.commands.executeCommand<Result>(action.command!.command, ...(action.command!.arguments ?? []));
    const server = em.state.keys.get(result.keySid)!;
    assert.strictEqual(server.type, 'restricted');
    assert.deepStrictEqual(server.policy?.allow, ['/twilio/messaging/messages/create']);
    assert.strictEqual(await storedKeySecret(t, em.accountSid, result.keySid), fp(server.secret));
    // The Auth Token line stays: webhook signature validation needs it, and rotating replaces it.
    assert.strictEqual(
      fs.readFileSync(editor.document.uri.fsPath, 'utf8'),
      `${envText}TWILIO_API_KEY=${result.keySid}\r\nTWILIO_API_SECRET=${server.secret}\r\n`,
    );
    assert.strictEqual(
      fs.readFileSync(path.join(workspaceRoot(), 'replace', 'env', '.env.example'), 'utf8'),
      'TWILIO_ACCOUNT_SID=\nTWILIO_AUTH_TOKEN=\nTWILIO_API_KEY=\nTWILIO_API_SECRET=\n',
    );
    assert.strictEqual(result.rotateOffered, true);
    assert.ok(ui.prompts.some((p) => p.kind === 'info' && p.items?.includes('Rotate Auth Token')));
    if (!realRotate) assert.deepStrictEqual(stand.calls, [], 'not rotated when the offer is dismissed');
  });

  it('from the account in the tree: the key is created and stored; a dismissed .env picker loses nothing', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const account = await t.row((r) => r.kind === 'account');
    assert.ok(account, 'the account row');
    ui = scriptUi().input('from tree').pick('Standard').message('Create Key');
    const result = await vscode.commands.executeCommand<Result>('twilioCredentials.replaceAuthTokenWithKey', account); // the row itself: the tree's own
    // No envFile given and the picker not answered: the key is kept, the user is told, nothing is lost.
    assert.strictEqual(result.secretStored, true);
    assert.ok(em.state.keys.get(result.keySid));
    assert.ok(ui.prompts.some((p) => p.kind === 'warning' && /no \.env was written/.test(p.text)), `prompts: ${ui.prompts.map((p) => p.text).join(' | ')}`);
  });

  it('a secret SecretStorage refuses is still written to the .env, so nothing is handed over and the code moves', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const editor = await open('replace/locked/app.py', `from twilio.rest import Client\n\nclient = Client("${em.accountSid}", "${fakeAuthToken()}")\n`);
    const unlock = t.lockSecretStorage();
    try {
      ui = scriptUi();
      const result = await runOurs<Result>('twilioCredentials.replaceAuthTokenWithKey', {
        confirm: true,
        uri: editor.document.uri.toString(),
        envFile: 'replace/locked/.env',
        friendlyName: 'locked keyring',
        type: 'standard',
        rotate: false,
      });
      const server = em.state.keys.get(result.keySid)!;
      assert.strictEqual(result.secretStored, false);
      assert.strictEqual(result.stoppedAt, undefined);
      assert.strictEqual(result.clientsRewritten, 1);
      assert.match(fs.readFileSync(path.join(workspaceRoot(), 'replace', 'locked', '.env'), 'utf8'), new RegExp(`TWILIO_API_SECRET=${server.secret}\n`));
      assert.ok(!ui.prompts.some((p) => /could not be stored/.test(p.text)), 'saved in the .env: no hand-off');
    } finally {
      unlock();
    }
  });

  it('a token of an account that is not connected: a clear message, no key created', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const before = em.state.keys.size;
    const other = fakeAccountSid();
    const editor = await open('replace/other.js', `const client = require('twilio')('${other}', '${fakeAuthToken()}');\n`);
    ui = scriptUi();
    const result = await runOurs('twilioCredentials.replaceAuthTokenWithKey', { uri: editor.document.uri.toString() });
    assert.strictEqual(result, undefined);
    const error = ui.prompts.find((p) => p.kind === 'error');
    assert.ok(error && error.text.includes(other) && /not connected/.test(error.text), `prompts: ${ui.prompts.map((p) => p.text).join(' | ')}`);
    assert.strictEqual(em.state.keys.size, before);
  });
});
