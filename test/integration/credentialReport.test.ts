// Issue 20, point 5: one command writes a Markdown report and a CSV of every credential the
// connected accounts hold: type, age, where it is used, what to rotate first, and never a secret
// value (searched for every secret the test knows). Against the emulator, in real VS Code.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { legacySlate, connectEmulator, runOurs, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';
import { scriptUi, type ScriptedUi } from './ui';
import { answerDialogs, type ScriptedDialogs } from './credentialHelpers';
import { fakeFcmLegacyServerKey, fakeKeySecret, fakeServiceAccountJson } from '../support/fakeCredentials';
import type { Emulator } from '../emulator/server';

const DAY = 86_400_000;
const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

type Testing = Awaited<ReturnType<typeof legacySlate>>['t'];

/** An account holding one of everything, used in every way the report looks for. Returns every secret it made. */
async function richAccount(t: Testing, em: Emulator) {
  await connectEmulator(em, 'Report account');
  const old = new Date(Date.now() - 500 * DAY).toISOString();
  const unused = em.state.addKey(em.accountSid, { friendlyName: '=HYPERLINK("http://attacker.invalid","open me")', dateCreated: old });
  fs.mkdirSync(path.join(workspaceRoot(), 'report-app'), { recursive: true });
  const created = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
    confirm: true,
    then: 'env',
    accountSid: em.accountSid,
    friendlyName: 'deployed worker',
    type: 'standard',
    envFile: path.join(workspaceRoot(), 'report-app', '.env'),
  });
  const deployed = created.keySid;
  await t.envIndex.refresh(vscode.Uri.file(path.join(workspaceRoot(), 'report-app', '.env')));
  const deployedSecret = (await t.accounts.getKeySecret(em.accountSid, deployed))!;
  // The Auth Token in a Functions project's .env (its deploy credential) and hardcoded in an open editor.
  const project = writeWorkspaceFile('report-fn/.env', `ACCOUNT_SID=${em.accountSid}\nAUTH_TOKEN=${em.authToken}\nSENDGRID_KEY=${fakeKeySecret()}\n`);
  const unknownSecret = fakeKeySecret();
  const service = em.state.addService(em.accountSid, {
    uniqueName: 'notify',
    environments: [{ uniqueName: 'production', variables: { TWILIO_API_SECRET: deployedSecret, TWILIO_API_KEY: deployed, AUTH_TOKEN: em.authToken, PARTNER_SECRET: unknownSecret, GREETING: 'hello' } }],
  });
  writeWorkspaceFile('report-fn/.twiliodeployinfo', JSON.stringify({ [em.accountSid]: { serviceSid: service.sid } }));
  await t.envIndex.refresh(vscode.Uri.file(project));
  const code = await vscode.workspace.openTextDocument({ language: 'javascript', content: `const client = require('twilio')('${em.accountSid}', '${em.authToken}');\n` });
  await vscode.window.showTextDocument(code);
  await waitFor(() => t.detection.liveFindings().length > 0 || undefined, 'the hardcoded Auth Token to be found live');
  await runOurs('twilioCredentials.useInTerminals', { confirm: true, accountSid: em.accountSid, keySid: deployed });

  const publicKey = em.state.addAccountCredential(em.accountSid, { kind: 'publicKey', friendlyName: 'signing | key', dateCreated: old });
  const aws = em.state.addAccountCredential(em.accountSid, { kind: 'aws', friendlyName: 'recordings', dateCreated: old });
  const gcm = em.state.addPushCredential(em.accountSid, { type: 'gcm', friendlyName: 'android gcm', dateCreated: old });
  const fcm = em.state.addPushCredential(em.accountSid, { type: 'fcm', friendlyName: 'android fcm', secret: fakeFcmLegacyServerKey(), dateCreated: old, dateUpdated: '2023-05-01T00:00:00Z' });
  const json = fakeServiceAccountJson();
  const fresh = em.state.addPushCredential(em.accountSid, { type: 'fcm', friendlyName: 'android v1', secret: json });
  const apn = em.state.addPushCredential(em.accountSid, { type: 'apn', friendlyName: 'ios' });
  const variables = em.state.variablesOf(em.state.environmentsOf(service.sid)[0].sid);

  const secrets = new Map<string, string>([
    ['auth token', em.authToken],
    ['main key secret', em.mainKey.secret],
    ['standard key secret', em.standardKey.secret],
    ['created key secret', deployedSecret],
    ['unused key secret', unused.secret],
    ['unknown Functions secret', unknownSecret],
    ['public key', publicKey.material.split('\n')[1]],
    ['AWS credentials', aws.material],
    ['AWS secret', aws.material.split(':')[1]],
    ['GCM api key', gcm.apiKey!],
    ['legacy FCM key', fcm.secret!],
    ['service-account private key', (JSON.parse(json).private_key as string).split('\n')[1]],
    ['APN private key', apn.privateKey!],
    ['APN certificate', apn.certificate!],
  ]);
  const sids = [em.mainKey.sid, em.standardKey.sid, unused.sid, deployed, publicKey.sid, aws.sid, gcm.sid, fcm.sid, fresh.sid, apn.sid, ...variables.filter((v) => v.key !== 'GREETING').map((v) => v.sid)];
  return { deployed, unused, gcm, fcm, secrets, sids, variables };
}

async function textOf(uri: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText();
}

describe('Credential report', function () {
  this.timeout(120_000);
  let ui: ScriptedUi | undefined;
  let dialogs: ScriptedDialogs | undefined;
  afterEach(async () => {
    ui?.restore();
    dialogs?.restore();
    await runOurs('twilioCredentials.stopUsingInTerminals', { confirm: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  // The suites after this one pick .env files by name: leave none of ours behind.
  after(() => {
    for (const dir of ['report-app', 'report-fn']) fs.rmSync(path.join(workspaceRoot(), dir), { recursive: true, force: true });
  });

  it('lists every credential the accounts hold, where each is used, what to rotate first, and holds no secret', async () => {
    const { t, em } = await legacySlate();
    const world = await richAccount(t, em);
    ui = scriptUi().pick('Open in the editor');
    const out = await vscode.commands.executeCommand<{ markdown: string; csv: string }>('twilioCredentials.credentialReport');
    assert.ok(out, 'the report was made');
    assert.match(out.markdown, /^untitled:/);
    const md = await textOf(out.markdown);
    const csv = await textOf(out.csv);

    // Every credential, in both.
    for (const sid of world.sids) {
      assert.ok(md.includes(sid), `the Markdown lists ${sid}`);
      assert.ok(csv.includes(sid), `the CSV lists ${sid}`);
    }
    assert.match(md, /\| Auth Token \(primary\) \| Auth Token \|/);
    assert.match(md, /\| Functions variable \| notify\/production: TWILIO_API_SECRET \|/);

    // Where each is used.
    const line = (sid: string) => md.split('\n').find((l) => l.includes(`\`${sid}\``) && !l.startsWith('| 1') && !l.startsWith('| 2') && !l.startsWith('| 3') && !l.startsWith('| 4'))!;
    const deployedRow = line(world.deployed);
    assert.match(deployedRow, /report-app\/\.env \(TWILIO_API_SECRET\)/);
    assert.match(deployedRow, /Functions notify\/production: TWILIO_API_SECRET/);
    assert.match(deployedRow, /this workspace’s terminals and tasks/);
    const tokenRow = md.split('\n').find((l) => l.startsWith('| Auth Token (primary)'))!;
    assert.match(tokenRow, /report-fn\/\.env \(AUTH_TOKEN, the deploy credential of a Functions project\)/);
    assert.match(tokenRow, /Untitled-\d+:1/, 'hardcoded in the open editor');
    assert.match(tokenRow, /Functions service notify hands it to every Function/);
    assert.match(tokenRow, /this extension signs in with it/);
    assert.match(line(world.gcm.sid), /broken: no longer delivers/);

    // What to rotate first: the Auth Token, hardcoded and in a .env; then the broken GCM credential; the unused old key last.
    const rotate = md.slice(md.indexOf('## Rotate first'), md.indexOf('\n## ', md.indexOf('## Rotate first') + 5));
    const order = rotate.split('\n').filter((l) => /^\| \d/.test(l));
    assert.match(order[0], /^\| 1 · now \| Report account \| Auth Token \(primary\)/);
    assert.match(order[0], /Hardcoded in/);
    assert.ok(order.findIndex((l) => l.includes(world.gcm.sid)) < order.findIndex((l) => l.includes(world.fcm.sid)), 'a GCM credential comes before a possibly broken FCM one');
    assert.match(order.find((l) => l.includes(world.unused.sid)) ?? '', /^\| 4 · tidy up \|.*No use found/);

    // Never a secret value, in either.
    for (const [label, secret] of world.secrets) {
      assert.ok(!md.includes(secret), `the Markdown holds no ${label}`);
      assert.ok(!csv.includes(secret), `the CSV holds no ${label}`);
    }
    // A name that starts like a spreadsheet formula is inert in the CSV, and breaks no table in the Markdown.
    assert.ok(csv.includes(`"'=HYPERLINK(""http://attacker.invalid"",""open me"")"`), 'the formula is quoted and prefixed');
    assert.ok(!/(^|,)"=/m.test(csv), 'no cell starts with =');
    assert.match(md, /signing \\\| key/);
  });

  it('saves the Markdown and the CSV beside it, readable by the owner only, never through a link at either name', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em, 'Saved account');
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-report-')));
    try {
      dialogs = answerDialogs({ save: [path.join(dir, 'audit-2026.md')] });
      ui = scriptUi().pick('Save as files');
      const out = await vscode.commands.executeCommand<{ markdown: string; csv: string }>('twilioCredentials.credentialReport');
      assert.deepStrictEqual([path.basename(vscode.Uri.parse(out!.markdown).fsPath), path.basename(vscode.Uri.parse(out!.csv).fsPath)], ['audit-2026.md', 'audit-2026.csv']);
      for (const f of ['audit-2026.md', 'audit-2026.csv']) {
        assert.strictEqual(fs.statSync(path.join(dir, f)).mode & 0o777, 0o600, f);
        assert.ok(!fs.readFileSync(path.join(dir, f), 'utf8').includes(em.authToken));
      }
      assert.match(fs.readFileSync(path.join(dir, 'audit-2026.csv'), 'utf8'), /^"account","account_sid",/);
      // A link planted at the CSV's name is not written through: the save fails and its target is untouched.
      const victim = path.join(dir, 'victim.txt');
      fs.writeFileSync(victim, 'keep me');
      fs.symlinkSync(victim, path.join(dir, 'again.csv'));
      dialogs.restore();
      ui.restore();
      dialogs = answerDialogs({ save: [path.join(dir, 'again.md')] });
      ui = scriptUi().pick('Save as files');
      await vscode.commands.executeCommand('twilioCredentials.credentialReport');
      assert.match(ui.prompts.find((p) => p.kind === 'error')?.text ?? '', /symbolic link/);
      assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'keep me');
      assert.ok(t.accounts.list().length === 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks before writing it where git would commit it; declining writes nothing', async () => {
    const { em } = await legacySlate();
    await connectEmulator(em);
    const repo = path.join(workspaceRoot(), 'report-repo');
    fs.mkdirSync(repo, { recursive: true });
    execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q'], { cwd: repo, env: GIT_ENV });
    const target = path.join(repo, 'credentials-report.md');
    dialogs = answerDialogs({ save: [target] });
    ui = scriptUi().pick('Save as files').message(undefined);
    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.credentialReport'), undefined);
    const modal = ui.prompts.find((p) => p.kind === 'warning')!;
    assert.strictEqual((modal.options as { modal?: boolean }).modal, true);
    assert.match(modal.text, /credentials-report\.md, .*credentials-report\.csv: not ignored by git: the report would be committed/);
    assert.ok(!fs.existsSync(target) && !fs.existsSync(target.replace(/\.md$/, '.csv')), 'nothing written');
    ui.restore();
    dialogs.restore();
    dialogs = answerDialogs({ save: [target] });
    ui = scriptUi().pick('Save as files').message('Write Anyway');
    assert.ok(await vscode.commands.executeCommand('twilioCredentials.credentialReport'));
    assert.ok(fs.existsSync(target) && fs.existsSync(target.replace(/\.md$/, '.csv')));
  });
});
