import * as assert from 'assert';
import * as vscode from 'vscode';
import { legacySlate, connectEmulator, waitFor, writeWorkspaceFile, codeActionsAt, runOurs } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import { fakeAccountSid, fakeKeySecret, fakeKeySid } from '../support/fakeCredentials';
import { API_KEYS_URL } from '../../src/core/util/links';

function mixups(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'Twilio Credentials' && (d.code as { value?: string })?.value?.match(/^twilio-(key|account|secret|region)-/))
    .filter((d) => !code || (d.code as { value: string }).value === code);
}

async function open(rel: string, text: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(writeWorkspaceFile(rel, text));
  return vscode.window.showTextDocument(doc);
}

async function diagnostic(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  const [d] = await waitFor(() => (mixups(uri, code).length ? mixups(uri, code) : undefined), `a ${code} diagnostic`);
  return d;
}

/** Applies the quick fix titled like `title` on diagnostic `d`, as the lightbulb would. */
async function applyFix(uri: vscode.Uri, d: vscode.Diagnostic, title: RegExp): Promise<void> {
  const actions = await codeActionsAt(uri, d.range);
  const fix = actions.find((a) => title.test(a.title));
  assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
  assert.strictEqual(fix.isPreferred, true, 'a certain fix is the preferred one');
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
}

describe('Credential mix-ups in the editor', () => {
  let ui: ScriptedUi | undefined;
  afterEach(async () => {
    ui?.restore();
    ui = undefined;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('.env: SIDs swapped between TWILIO_ACCOUNT_SID and TWILIO_API_KEY, fixed by swapping them back', async () => {
    await legacySlate();
    const ac = fakeAccountSid();
    const sk = fakeKeySid();
    const secret = fakeKeySecret();
    const editor = await open('mix/swapped/.env', `TWILIO_ACCOUNT_SID=${sk}\nTWILIO_API_KEY=${ac}\nTWILIO_API_SECRET=${secret}\n`);
    const uri = editor.document.uri;
    const d = await diagnostic(uri, 'twilio-key-sid-as-account-sid');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(editor.document.getText(d.range), sk);
    assert.equal(String((d.code as { target: vscode.Uri }).target), API_KEYS_URL, 'the code links to Twilio’s page on API keys');
    await diagnostic(uri, 'twilio-account-sid-as-key-sid');
    await applyFix(uri, d, /^Swap the Account SID and the API key SID$/);
    assert.strictEqual(editor.document.getText(), `TWILIO_ACCOUNT_SID=${ac}\nTWILIO_API_KEY=${sk}\nTWILIO_API_SECRET=${secret}\n`);
    await waitFor(() => (mixups(uri).length === 0 ? true : undefined), 'the mix-ups to clear');
  });

  it('.env: a key SID without its secret, a secret without its key SID', async () => {
    await legacySlate();
    const a = await open('mix/half/.env', `TWILIO_API_KEY=${fakeKeySid()}\n`);
    const d = await diagnostic(a.document.uri, 'twilio-key-without-secret');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
    const b = await open('mix/half2/.env', `TWILIO_ACCOUNT_SID=${fakeAccountSid()}\nTWILIO_API_SECRET=${fakeKeySecret()}\n`);
    await diagnostic(b.document.uri, 'twilio-secret-without-key');
    // Completing the pair clears it.
    await b.edit((e) => e.insert(new vscode.Position(2, 0), `TWILIO_API_KEY=${fakeKeySid()}\n`));
    await waitFor(() => (mixups(b.document.uri).length === 0 ? true : undefined), 'the diagnostic to clear once the key SID is there');
  });

  it('code: accountSid = "SK…" and apiKey = "AC…", swapped by the fix', async () => {
    await legacySlate();
    const ac = fakeAccountSid();
    const sk = fakeKeySid();
    const editor = await open('mix/code/client.js', `const accountSid = '${sk}';\nconst apiKey = '${ac}';\nmodule.exports = require('twilio')(apiKey, process.env.TWILIO_API_SECRET, { accountSid });\n`);
    const uri = editor.document.uri;
    const d = await diagnostic(uri, 'twilio-account-sid-as-key-sid');
    await applyFix(uri, d, /^Swap/);
    assert.strictEqual(editor.document.lineAt(0).text, `const accountSid = '${ac}';`);
    assert.strictEqual(editor.document.lineAt(1).text, `const apiKey = '${sk}';`);
    await waitFor(() => (mixups(uri).length === 0 ? true : undefined), 'the mix-ups to clear');
  });

  it('a regional hostname without an edge, in code: replaced by the edge form', async () => {
    await legacySlate();
    const editor = await open('mix/host/api.py', 'BASE = "https://api.ie1.twilio.com/2010-04-01"\n');
    const uri = editor.document.uri;
    const d = await diagnostic(uri, 'twilio-region-without-edge');
    assert.match(d.message, /2026-04-28/);
    await applyFix(uri, d, /^Replace with api\.dublin\.ie1\.twilio\.com$/);
    assert.strictEqual(editor.document.getText(), 'BASE = "https://api.dublin.ie1.twilio.com/2010-04-01"\n');
  });

  it('TWILIO_REGION without TWILIO_EDGE in .env: the fix adds the region\'s edge', async () => {
    await legacySlate();
    const editor = await open('mix/region/.env', 'TWILIO_REGION=au1\nPORT=1\n');
    const d = await diagnostic(editor.document.uri, 'twilio-region-without-edge');
    await applyFix(editor.document.uri, d, /^Add TWILIO_EDGE=sydney$/);
    assert.strictEqual(editor.document.getText(), 'TWILIO_REGION=au1\nTWILIO_EDGE=sydney\nPORT=1\n');
  });

  it('a key the connected account no longer has: flagged once the full list is loaded, and replaced by a new key', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const created = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid, friendlyName: 'soon gone', type: 'standard', then: 'done',
    });
    const secret = (await t.accounts.getKeySecret(em.accountSid, created.keySid))!;
    await t.keys.load(em.accountSid);
    const editor = await open('mix/gone/.env', `TWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_API_KEY=${created.keySid}\nTWILIO_API_SECRET=${secret}\n`);
    const uri = editor.document.uri;
    // Present in the loaded list: quiet.
    assert.deepStrictEqual(t.mixups.mixupsFor(editor.document).map((m) => m.code), []);
    // Deleted elsewhere (the Console, another machine); the list is loaded again.
    em.state.deleteKey(created.keySid);
    t.keys.forget(em.accountSid);
    assert.deepStrictEqual(t.mixups.mixupsFor(editor.document).map((m) => m.code), [], 'no judgement while the list is not loaded');
    await t.keys.load(em.accountSid);
    const d = await diagnostic(uri, 'twilio-key-not-found');
    assert.strictEqual(editor.document.getText(d.range), created.keySid);
    const actions = await codeActionsAt(uri, d.range);
    const replace = actions.find((a) => a.command?.command === 'twilioCredentials.createKey');
    assert.ok(replace, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    ui = scriptUi().input('replacement').pick('Standard').message('Create Key'); // the modal names this file
    const next = await vscode.commands.executeCommand<{ keySid: string }>(replace.command!.command, ...(replace.command!.arguments ?? []));
    await waitFor(() => (editor.document.getText().includes(next.keySid) ? true : undefined), 'the .env to hold the new key');
    await waitFor(() => (mixups(uri).length === 0 ? true : undefined), 'the diagnostic to clear');
  });

  it('keys older than twilioCredentials.keys.rotationHintDays get a rotate hint in the tree (off by default)', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const old = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid, friendlyName: 'old key', type: 'standard', then: 'done',
    });
    em.state.keys.get(old.keySid)!.dateCreated = new Date(Date.now() - 200 * 86_400_000);
    t.keys.forget(em.accountSid);
    await t.keys.load(em.accountSid);
    const item = async () => {
      const [account] = await t.accountsView.tree.getChildren();
      const node = (await t.accountsView.tree.getChildren(account)).find((n) => n.kind === 'key' && n.key.sid === old.keySid)!;
      return t.accountsView.tree.getTreeItem(node);
    };
    assert.doesNotMatch(String((await item()).description), /rotate/, 'off by default');
    const config = vscode.workspace.getConfiguration('twilioCredentials');
    await config.update('keys.rotationHintDays', 90, vscode.ConfigurationTarget.Global);
    try {
      const hinted = await item();
      assert.match(String(hinted.description), /rotate/);
      assert.match((hinted.tooltip as vscode.MarkdownString).value, /200 days old/);
      await config.update('keys.rotationHintDays', 365, vscode.ConfigurationTarget.Global);
      assert.doesNotMatch(String((await item()).description), /rotate/, 'younger than the threshold');
    } finally {
      await config.update('keys.rotationHintDays', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
