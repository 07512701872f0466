// Issue 20, point 3: an account's public keys (Public Key Client Validation) and AWS credentials,
// in the tree with their age; Add Public Key… from a PEM file (never a private key: refused,
// nothing sent), Rename, and Delete after a modal naming the credential. Against the emulator.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { legacySlate, connectEmulator, writeWorkspaceFile, runOurs } from './helpers';
import { scriptUi, type ScriptedUi } from './ui';
import { answerDialogs, groupRows, type ScriptedDialogs } from './credentialHelpers';
import { fakeRsaKeyPair } from '../support/fakeCredentials';
import type { Emulator } from '../emulator/server';

const DAY = 86_400_000;

const publicKeyPosts = (em: Emulator) => em.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/Credentials/PublicKeys'));

describe('Account credentials: public keys and AWS', () => {
  let ui: ScriptedUi | undefined;
  let dialogs: ScriptedDialogs | undefined;
  afterEach(() => {
    ui?.restore();
    dialogs?.restore();
  });

  it('lists the public keys and AWS credentials under the account, with kind and age, never their material', async () => {
    const { t, em } = await legacySlate();
    const key = em.state.addAccountCredential(em.accountSid, { kind: 'publicKey', friendlyName: 'request signing', dateCreated: new Date(Date.now() - 400 * DAY).toISOString() });
    const aws = em.state.addAccountCredential(em.accountSid, { kind: 'aws', friendlyName: 'recordings bucket', dateCreated: new Date(Date.now() - 20 * DAY).toISOString() });
    await connectEmulator(em);
    const tree = t.accountsView.tree;
    const rows = await groupRows(t, em.accountSid, 'account');
    assert.deepStrictEqual(rows.map((r) => r.kind === 'accountCredential' && r.credential.sid), [key.sid, aws.sid]);
    const [keyItem, awsItem] = rows.map((r) => tree.getTreeItem(r));
    assert.strictEqual(keyItem.label, 'request signing');
    assert.match(String(keyItem.description), /^public key · 1y$/);
    assert.match(String(awsItem.description), /^AWS · 2w$/);
    assert.strictEqual(keyItem.contextValue, 'publicKey');
    assert.match((awsItem.tooltip as vscode.MarkdownString).value, new RegExp(aws.sid));
    const shown = JSON.stringify([keyItem, awsItem]);
    for (const material of [key.material, aws.material, aws.material.split(':')[1]]) assert.ok(!shown.includes(material), 'no key or secret in a row');
    // The group row says what it holds once loaded.
    const group = (await tree.getChildren((await tree.getChildren())[0])).find((n) => n.kind === 'credentialGroup' && n.group === 'account')!;
    assert.strictEqual(tree.getTreeItem(group).description, '1 public key · 1 AWS');
  });

  it('adds a public key from a PEM file the user picks, after a modal naming the file, its fingerprint and the account', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em, 'Signing account');
    const pem = writeWorkspaceFile('keys/public_key.pem', fakeRsaKeyPair().publicKey);
    dialogs = answerDialogs({ open: [pem] });
    ui = scriptUi().input('webhook signer').message('Add Public Key');
    const sid = await vscode.commands.executeCommand<string>('twilioCredentials.addPublicKey', { accountSid: em.accountSid });
    assert.match(sid ?? '', /^CR[0-9a-f]{32}$/);
    const modal = ui.prompts.find((p) => p.kind === 'warning')!;
    assert.strictEqual((modal.options as { modal?: boolean }).modal, true);
    assert.match(modal.text, /public_key\.pem.*"Signing account".*"webhook signer"/);
    assert.match((modal.options as { detail: string }).detail, /RSA 2048-bit public key, SHA256:/);
    assert.strictEqual(em.state.accountCredentials.get(sid!)?.friendlyName, 'webhook signer');
    const rows = await groupRows(t, em.accountSid, 'account');
    assert.ok(rows.some((r) => r.kind === 'accountCredential' && r.credential.sid === sid));
  });

  it('refuses a private key with a clear message and sends nothing, whatever the file holds', async () => {
    const { em } = await legacySlate();
    await connectEmulator(em);
    const pair = fakeRsaKeyPair();
    const files = [
      writeWorkspaceFile('keys/private_key.pem', pair.privateKey),
      writeWorkspaceFile('keys/both.pem', `${pair.publicKey}\n${pair.privateKey}`),
      writeWorkspaceFile('keys/id_rsa', pair.privateKey.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY')),
    ];
    for (const file of files) {
      dialogs = answerDialogs({ open: [file] });
      ui = scriptUi();
      assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.addPublicKey', { accountSid: em.accountSid }), undefined);
      const error = ui.prompts.find((p) => p.kind === 'error');
      assert.ok(error, `an error for ${path.basename(file)}`);
      assert.match(error.text, /private key.*not sent/);
      assert.ok(!error.text.includes('PRIVATE KEY-----') && !error.text.includes(pair.privateKey.split('\n')[1]), 'the message quotes nothing of the file');
      assert.ok(!ui.prompts.some((p) => p.kind === 'input' || p.kind === 'warning'), 'no name asked, no confirmation: it stops at once');
      ui.restore();
      dialogs.restore();
    }
    assert.deepStrictEqual(publicKeyPosts(em), [], 'nothing reached Twilio');
    assert.strictEqual(em.state.accountCredentialsOf(em.accountSid, 'publicKey').length, 0);
  });

  it('never reads a picked file that is a link or a pipe, nor one larger than a public key', async () => {
    const { em } = await legacySlate();
    await connectEmulator(em);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-pem-'));
    try {
      const target = path.join(outside, 'public_key.pem');
      fs.writeFileSync(target, fakeRsaKeyPair().publicKey);
      const link = path.join(outside, 'linked.pem');
      fs.symlinkSync(target, link);
      const big = path.join(outside, 'big.pem');
      fs.writeFileSync(big, 'x'.repeat(64 * 1024));
      const fifo = path.join(outside, 'fifo.pem');
      execFileSync('mkfifo', [fifo]);
      for (const [file, why] of [
        [link, /symbolic link/],
        [big, /larger than/],
        [fifo, /not a regular file/],
      ] as const) {
        dialogs = answerDialogs({ open: [file] });
        ui = scriptUi();
        await vscode.commands.executeCommand('twilioCredentials.addPublicKey', { accountSid: em.accountSid });
        assert.match(ui.prompts.find((p) => p.kind === 'error')?.text ?? '', why, path.basename(file));
        ui.restore();
        dialogs.restore();
      }
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    assert.deepStrictEqual(publicKeyPosts(em), []);
  });

  it('renames a credential from its row; the name prompt is always shown', async () => {
    const { t, em } = await legacySlate();
    const aws = em.state.addAccountCredential(em.accountSid, { kind: 'aws', friendlyName: 'old name' });
    await connectEmulator(em);
    const [row] = await groupRows(t, em.accountSid, 'account');
    ui = scriptUi().input('media bucket');
    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.renameAccountCredential', row), true);
    assert.strictEqual(ui.prompts[0].kind, 'input');
    assert.strictEqual(em.state.accountCredentials.get(aws.sid)?.friendlyName, 'media bucket');
  });

  it('deletes after a modal naming the credential; dismissing it deletes nothing', async () => {
    const { t, em } = await legacySlate();
    const key = em.state.addAccountCredential(em.accountSid, { kind: 'publicKey', friendlyName: 'retired signer' });
    await connectEmulator(em);
    ui = scriptUi().message(undefined);
    assert.strictEqual(await runOurs('twilioCredentials.deleteAccountCredential', { accountSid: em.accountSid, sid: key.sid }), false);
    assert.ok(em.state.accountCredentials.has(key.sid), 'still there after the modal was dismissed');
    assert.ok(!em.requests.some((r) => r.method === 'DELETE'));
    ui.restore();
    ui = scriptUi().message('Delete Public Key');
    assert.strictEqual(await runOurs('twilioCredentials.deleteAccountCredential', { accountSid: em.accountSid, sid: key.sid }), true);
    const modal = ui.prompts[0];
    assert.strictEqual((modal.options as { modal?: boolean }).modal, true);
    assert.match(modal.text, new RegExp(`"retired signer" \\(${key.sid}\\)`));
    assert.ok(!em.state.accountCredentials.has(key.sid));
    const rows = await groupRows(t, em.accountSid, 'account');
    assert.ok(!rows.some((r) => r.kind === 'accountCredential'));
  });
});
