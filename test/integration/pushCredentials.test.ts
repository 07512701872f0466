// Issue 20, point 4: an account's push credentials (Conversations) with type and age; GCM and FCM
// credentials that may hold Google's legacy server key flagged as broken, with what to do; Replace
// FCM Secret… from a service-account JSON the user picks (read, checked, sent, kept nowhere); and
// Delete after a modal naming the credential. Against the emulator.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { legacySlate, connectEmulator, runOurs } from './helpers';
import { scriptUi, type ScriptedUi } from './ui';
import { answerDialogs, groupRows, type ScriptedDialogs } from './credentialHelpers';
import { fakeFcmLegacyServerKey, fakeServiceAccountJson } from '../support/fakeCredentials';

const DAY = 86_400_000;

/** Every file under a folder, for searching what the extension wrote (logs). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

describe('Push credentials', () => {
  let ui: ScriptedUi | undefined;
  let dialogs: ScriptedDialogs | undefined;
  let scratch: string;
  beforeEach(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-push-'))));
  afterEach(() => {
    ui?.restore();
    dialogs?.restore();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('lists them with type and age, and flags GCM and FCM with a legacy server key as broken, saying what to do', async () => {
    const { t, em } = await legacySlate();
    const old = new Date(Date.now() - 800 * DAY).toISOString();
    const gcm = em.state.addPushCredential(em.accountSid, { type: 'gcm', friendlyName: 'android (gcm)', dateCreated: old });
    const legacy = em.state.addPushCredential(em.accountSid, { type: 'fcm', friendlyName: 'android (fcm)', secret: fakeFcmLegacyServerKey(), dateCreated: old, dateUpdated: '2023-05-01T00:00:00Z' });
    const fresh = em.state.addPushCredential(em.accountSid, { type: 'fcm', friendlyName: 'android v1' });
    const apn = em.state.addPushCredential(em.accountSid, { type: 'apn', friendlyName: 'ios', sandbox: true });
    await connectEmulator(em);
    const tree = t.accountsView.tree;
    const rows = await groupRows(t, em.accountSid, 'push');
    const item = (sid: string) => tree.getTreeItem(rows.find((r) => r.kind === 'pushCredential' && r.credential.sid === sid)!);

    const g = item(gcm.sid);
    assert.match(String(g.description), /^GCM · 2y · broken: no longer delivers$/);
    assert.strictEqual((g.iconPath as vscode.ThemeIcon).id, 'error');
    assert.strictEqual(g.contextValue, 'pushCredential.gcm.broken');
    assert.match((g.tooltip as vscode.MarkdownString).value, /Create an FCM credential from your Firebase project’s service\\?-account JSON/);

    const l = item(legacy.sid);
    assert.match(String(l.description), /^FCM · 2y · broken if it holds a legacy server key$/);
    assert.strictEqual((l.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.strictEqual(l.contextValue, 'pushCredential.fcm.suspect');
    assert.match((l.tooltip as vscode.MarkdownString).value, /Replace FCM Secret/);

    assert.strictEqual(item(fresh.sid).contextValue, 'pushCredential.fcm');
    assert.match(String(item(fresh.sid).description), /^FCM · just now$/);
    assert.match(String(item(apn.sid).description), /^APN · sandbox · /);
    // The group row counts what needs fixing; no row carries any credential's material.
    const group = (await tree.getChildren((await tree.getChildren())[0])).find((n) => n.kind === 'credentialGroup' && n.group === 'push')!;
    assert.strictEqual(tree.getTreeItem(group).description, '4 · 2 to fix');
    const shown = JSON.stringify(rows.map((r) => tree.getTreeItem(r)));
    for (const material of [gcm.apiKey, legacy.secret, fresh.secret, apn.privateKey, apn.certificate]) assert.ok(!shown.includes(material!), 'no material in a row');
  });

  it('Replace FCM Secret sends the service-account JSON after a modal, and its private key reaches no log, Memento or setting', async () => {
    const { t, em } = await legacySlate();
    const legacy = em.state.addPushCredential(em.accountSid, { type: 'fcm', friendlyName: 'android', secret: fakeFcmLegacyServerKey(), dateUpdated: '2023-05-01T00:00:00Z' });
    await connectEmulator(em);
    const json = fakeServiceAccountJson('notify-demo-1');
    const privateKey = JSON.parse(json).private_key as string;
    const file = path.join(scratch, 'notify-demo-1-firebase-adminsdk.json');
    fs.writeFileSync(file, json);
    dialogs = answerDialogs({ open: [file] });
    ui = scriptUi().message('Replace Secret');
    const [row] = await groupRows(t, em.accountSid, 'push');
    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.replaceFcmSecret', row), true);
    const modal = ui.prompts.find((p) => p.kind === 'warning')!;
    assert.strictEqual((modal.options as { modal?: boolean }).modal, true);
    assert.match(modal.text, new RegExp(`"android" \\(${legacy.sid}\\)`));
    assert.match((modal.options as { detail: string }).detail, /firebase-adminsdk-.*@notify-demo-1\.iam\.gserviceaccount\.com of the Firebase project notify-demo-1/);
    // Twilio has the JSON as the credential's secret, in place (same SID); the row is no longer flagged.
    assert.strictEqual(em.state.pushCredentials.get(legacy.sid)?.secret, json.trim());
    const [after] = await groupRows(t, em.accountSid, 'push');
    assert.strictEqual(t.accountsView.tree.getTreeItem(after).contextValue, 'pushCredential.fcm');

    // Kept nowhere: not in any prompt, the extension's state, its settings or its log files.
    const body = privateKey.split('\n')[1];
    const kept = [
      ...ui.prompts.map((p) => JSON.stringify(p)),
      ...t.context.globalState.keys().map((k) => JSON.stringify(t.context.globalState.get(k))),
      ...t.context.workspaceState.keys().map((k) => JSON.stringify(t.context.workspaceState.get(k))),
      JSON.stringify(vscode.workspace.getConfiguration('twilioCredentials')),
    ];
    for (const text of kept) assert.ok(!text.includes(body), 'the private key is kept nowhere');
    const logs = filesUnder(path.dirname(t.context.logUri.fsPath));
    assert.ok(
      logs.some((f) => fs.readFileSync(f, 'utf8').includes(`Replaced the secret of FCM credential ${legacy.sid}`)),
      'the files searched hold the extension’s log',
    );
    for (const f of logs) assert.ok(!fs.readFileSync(f).includes(Buffer.from(body)), `the private key is not in ${f}`);
  });

  it('refuses a legacy server key or anything but a service-account key, sending nothing', async () => {
    const { t, em } = await legacySlate();
    em.state.addPushCredential(em.accountSid, { type: 'fcm', friendlyName: 'android' });
    await connectEmulator(em);
    const [row] = await groupRows(t, em.accountSid, 'push');
    const cases: Array<[string, RegExp]> = [
      [fakeFcmLegacyServerKey(), /legacy FCM server key.*not sent/],
      [JSON.stringify({ type: 'authorized_user', client_id: 'x' }), /not a service-account key/],
      ['{ not json', /not JSON/],
    ];
    for (const [text, why] of cases) {
      const file = path.join(scratch, 'key.json');
      fs.writeFileSync(file, text);
      dialogs = answerDialogs({ open: [file] });
      ui = scriptUi();
      assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.replaceFcmSecret', row), false);
      assert.match(ui.prompts.find((p) => p.kind === 'error')?.text ?? '', why);
      assert.ok(!ui.prompts.some((p) => p.kind === 'warning'), 'no confirmation: it stops at once');
      ui.restore();
      dialogs.restore();
    }
    assert.ok(!em.requests.some((r) => r.method === 'POST' && r.path.startsWith('/v1/Credentials')), 'nothing reached Twilio');
  });

  it('a GCM credential cannot take a service-account JSON: it says to create an FCM credential instead', async () => {
    const { em } = await legacySlate();
    const gcm = em.state.addPushCredential(em.accountSid, { type: 'gcm', friendlyName: 'old android' });
    await connectEmulator(em);
    dialogs = answerDialogs({ open: [] });
    ui = scriptUi();
    assert.strictEqual(await runOurs('twilioCredentials.replaceFcmSecret', { accountSid: em.accountSid, sid: gcm.sid }), false);
    assert.match(ui.prompts[0].text, /GCM credential: only an FCM credential takes a service-account JSON/);
    assert.deepStrictEqual(dialogs.shown, [], 'no file was asked for');
  });

  it('deletes after a modal naming the credential and what stops; dismissing it deletes nothing', async () => {
    const { em } = await legacySlate();
    const apn = em.state.addPushCredential(em.accountSid, { type: 'apn', friendlyName: 'ios' });
    await connectEmulator(em);
    ui = scriptUi().message(undefined);
    assert.strictEqual(await runOurs('twilioCredentials.deletePushCredential', { accountSid: em.accountSid, sid: apn.sid }), false);
    assert.ok(em.state.pushCredentials.has(apn.sid));
    ui.restore();
    ui = scriptUi().message('Delete Push Credential');
    assert.strictEqual(await runOurs('twilioCredentials.deletePushCredential', { accountSid: em.accountSid, sid: apn.sid }), true);
    assert.match(ui.prompts[0].text, new RegExp(`APN push credential "ios" \\(${apn.sid}\\)`));
    assert.match(String((ui.prompts[0].options as { detail: string }).detail), /stop delivering/);
    assert.ok(!em.state.pushCredentials.has(apn.sid));
  });
});
