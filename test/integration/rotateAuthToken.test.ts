// Rotate Auth Token in real VS Code against the emulator: the whole rotation (every .env updated
// byte for byte, the old token refused after promotion), a failure at each step, and the secondary
// left waiting in the tree, promoted or deleted from there.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { legacySlate, connectEmulator, workspaceRoot, lockSecretStorage, runOurs } from './helpers';
import { scriptUi, ScriptedUi, watchModalsUnderProgress } from './ui';
import type { Emulator } from '../emulator/server';
import type { RotateAuthTokenResult } from '../../src/features/authToken/rotateAuthToken';

type Testing = Awaited<ReturnType<typeof legacySlate>>['t'];

/** Status of fetching the account with `token`: 200 when Twilio (the emulator) accepts it. */
async function accepts(em: Emulator, token: string): Promise<boolean> {
  const res = await fetch(`${em.url}/2010-04-01/Accounts/${em.accountSid}.json`, {
    headers: { Authorization: `Basic ${Buffer.from(`${em.accountSid}:${token}`).toString('base64')}` },
  });
  return res.status === 200;
}

interface Files {
  dir: string;
  /** path → text before the rotation, with `{T}` where the token goes. */
  templates: Map<string, string>;
  untouched: string;
  code: string;
}

/** .env files holding the Auth Token in different spellings, one that does not, and code that hardcodes it. */
function writeFiles(name: string, token: string): Files {
  const dir = path.join(workspaceRoot(), 'rotate-token', name);
  fs.mkdirSync(path.join(dir, 'api'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  const templates = new Map<string, string>([
    [path.join(dir, '.env'), `# local\r\nTWILIO_ACCOUNT_SID=ACsid\r\nTWILIO_AUTH_TOKEN={T}\r\nPORT=3000\r\n`],
    [path.join(dir, 'api', '.env'), `export TWILIO_AUTH_TOKEN="{T}" # keep this comment\nOTHER_TOKEN='{T}'\n\nDEBUG=1`],
    [path.join(dir, '.env.local'), `AUTH = {T}\n`],
  ]);
  for (const [p, t] of templates) fs.writeFileSync(p, t.replaceAll('{T}', token));
  const untouched = path.join(dir, 'api', '.env.production');
  fs.writeFileSync(untouched, 'TWILIO_AUTH_TOKEN=${SECRET_FROM_CI}\n');
  const code = path.join(dir, 'src', 'client.js');
  fs.writeFileSync(code, `const twilio = require('twilio');\n\nconst client = twilio('${'AC'}x', '${token}');\n`);
  return { dir, templates, untouched, code };
}

async function setup(name: string): Promise<{ t: Testing; em: Emulator; files: Files }> {
  const { t, em } = await legacySlate();
  await connectEmulator(em);
  const files = writeFiles(name, em.authToken);
  for (const p of [...files.templates.keys(), files.untouched]) await t.envIndex.refresh(vscode.Uri.file(p));
  return { t, em, files };
}

/** Runs the rotation, checking that no modal is shown while a progress notification is open. */
async function rotate(em: Emulator, extra: object = {}): Promise<RotateAuthTokenResult | undefined> {
  const watch = watchModalsUnderProgress();
  try {
    const r = await runOurs<RotateAuthTokenResult>('twilioCredentials.rotateAuthToken', { confirm: true, accountSid: em.accountSid, ...extra });
    assert.deepStrictEqual(watch.modalsUnderProgress, [], 'no modal is shown while a progress notification is open');
    return r;
  } finally {
    watch.restore();
  }
}

const current = (em: Emulator) => em.state.accounts.get(em.accountSid)!;

describe('Rotate Auth Token', () => {
  let ui: ScriptedUi | undefined;
  /** Clean-ups a test registers, run after it whatever its outcome. */
  const after: Array<() => Promise<void>> = [];
  afterEach(async () => {
    ui?.restore();
    for (const undo of after.splice(0)) await undo();
  });

  it('rotates: every .env updated byte for byte, hardcoded places listed, the old token refused after promotion', async () => {
    const { t, em, files } = await setup('happy');
    const old = em.authToken;
    ui = scriptUi().message('Promote');
    const r = (await rotate(em))!;
    assert.strictEqual(r.stoppedAt, undefined, r.state);
    assert.strictEqual(r.promoted, true);
    const fresh = current(em).authToken;
    assert.notStrictEqual(fresh, old);
    assert.match(fresh, /^[0-9a-f]{32}$/);
    // Byte for byte: only the token changed, everything else (CRLF, quotes, export, comment, no final newline) kept.
    for (const [p, template] of files.templates) assert.strictEqual(fs.readFileSync(p, 'utf8'), template.replaceAll('{T}', fresh), p);
    assert.strictEqual(fs.readFileSync(files.untouched, 'utf8'), 'TWILIO_AUTH_TOKEN=${SECRET_FROM_CI}\n');
    for (const label of ['rotate-token/happy/.env', 'rotate-token/happy/api/.env', 'rotate-token/happy/.env.local']) assert.ok(r.envFilesUpdated.includes(label), label);
    assert.ok(r.stillHardcoded.includes('rotate-token/happy/src/client.js:3'), r.stillHardcoded.join());
    // Twilio refuses the old token and accepts the new one; the extension now holds the new one.
    assert.strictEqual(await accepts(em, old), false);
    assert.strictEqual(await accepts(em, fresh), true);
    const creds = await t.accounts.credentials(em.accountSid);
    assert.deepStrictEqual(creds?.auth, { kind: 'authToken', authToken: fresh });
    assert.strictEqual(t.accounts.pendingSecondarySince(em.accountSid), undefined);
    assert.strictEqual(await t.accounts.getSecondaryAuthToken(em.accountSid), undefined);
    // The modal said what promotion breaks, and where the token is still written.
    const modal = ui.prompts.find((p) => p.kind === 'warning' && (p.options as { modal?: boolean })?.modal);
    const detail = String((modal?.options as { detail?: string })?.detail);
    assert.match(String(modal?.text), /Promote it\? The old token stops working at once/);
    assert.match(detail, /X-Twilio-Signature/);
    assert.match(detail, /Functions.*about a minute/);
    assert.match(detail, /rotate-token\/happy\/src\/client\.js:3/);
    // The outcome offers to show where the token is still written.
    const outcome = ui.prompts.find((p) => /is rotated: the old token is refused/.test(p.text));
    assert.deepStrictEqual(outcome?.items, ['Show Places']);
    assert.match(String(outcome?.text), /rotate-token\/happy\/src\/client\.js:3/);
    // The result and every message are free of both tokens.
    const everything = JSON.stringify(r) + JSON.stringify(ui.prompts);
    assert.ok(!everything.includes(old) && !everything.includes(fresh), 'a token leaked into the UI or the result');
    // The keys still load with the new token.
    t.keys.forget(em.accountSid);
    await t.keys.load(em.accountSid);
    assert.strictEqual(t.keys.state(em.accountSid)?.status, 'loaded');
  });

  it('asks about a .env file git would commit with no progress notification up, then updates it', async () => {
    const { em, files } = await setup('git');
    const repo = path.join(files.dir, 'repo');
    fs.mkdirSync(repo);
    const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' };
    execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q'], { cwd: repo, env: gitEnv, stdio: 'pipe' });
    const env = path.join(repo, '.env');
    fs.writeFileSync(env, `TWILIO_AUTH_TOKEN=${em.authToken}\n`);
    ui = scriptUi().message('Write Anyway', 'Promote');
    const r = (await rotate(em))!;
    assert.strictEqual(r.stoppedAt, undefined, r.state);
    assert.ok(ui.prompts.some((p) => p.kind === 'warning' && /not ignored by git/.test(p.text)), JSON.stringify(ui.prompts.map((p) => p.text)));
    assert.ok(r.envFilesUpdated.includes('rotate-token/git/repo/.env'), r.envFilesUpdated.join());
    assert.strictEqual(fs.readFileSync(env, 'utf8'), `TWILIO_AUTH_TOKEN=${current(em).authToken}\n`);
  });

  it('stops at "create" when Twilio fails, changing nothing', async () => {
    const { t, em, files } = await setup('create-fails');
    em.faults.failNext(1, 500, { method: 'POST', path: '/v1/AuthTokens/Secondary' });
    ui = scriptUi();
    const r = (await rotate(em))!;
    assert.strictEqual(r.stoppedAt, 'create');
    assert.match(String(r.state), /Nothing was changed/);
    for (const [p, template] of files.templates) assert.strictEqual(fs.readFileSync(p, 'utf8'), template.replaceAll('{T}', em.authToken));
    assert.strictEqual(current(em).authToken, em.authToken);
    assert.strictEqual(t.accounts.pendingSecondarySince(em.accountSid), undefined);
    assert.ok(ui.prompts.some((p) => p.kind === 'error' && /stopped/.test(p.text)));
  });

  it('a create whose answer is lost says so; running again replaces the secondary never received', async () => {
    const { em } = await setup('create-lost');
    em.faults.commitThenDrop(1, { path: '/v1/AuthTokens/Secondary' });
    ui = scriptUi();
    const r = (await rotate(em))!;
    assert.strictEqual(r.stoppedAt, 'create');
    assert.match(String(r.state), /may have created one without answering/);
    const unseen = current(em).secondaryAuthToken!;
    assert.ok(unseen);
    const again = (await rotate(em, { confirmPromote: true }))!;
    assert.strictEqual(again.stoppedAt, undefined, again.state);
    assert.notStrictEqual(current(em).authToken, unseen);
    assert.strictEqual(await accepts(em, unseen), false);
  });

  it('stops at "store" when secret storage fails: the secondary is deleted again, nothing else changes', async () => {
    const { t, em, files } = await setup('store-fails');
    const unlock = lockSecretStorage(t);
    try {
      ui = scriptUi();
      const r = (await rotate(em))!;
      assert.strictEqual(r.stoppedAt, 'store');
      assert.match(String(r.state), /deleted again on Twilio/);
      assert.strictEqual(current(em).secondaryAuthToken, undefined);
      for (const [p, template] of files.templates) assert.strictEqual(fs.readFileSync(p, 'utf8'), template.replaceAll('{T}', em.authToken));
    } finally {
      unlock();
    }
  });

  it('stops at "env" when a .env file holding the token is malformed; the secondary waits in the tree', async () => {
    const { t, em, files } = await setup('env-fails');
    const broken = path.join(files.dir, 'broken', '.env');
    fs.mkdirSync(path.dirname(broken), { recursive: true });
    const brokenText = `TWILIO_AUTH_TOKEN=${em.authToken}\nBROKEN="unterminated\n`;
    fs.writeFileSync(broken, brokenText);
    await t.envIndex.refresh(vscode.Uri.file(broken));
    ui = scriptUi();
    const r = (await rotate(em))!;
    assert.strictEqual(r.stoppedAt, 'env');
    assert.strictEqual(fs.readFileSync(broken, 'utf8'), brokenText, 'the malformed file is untouched');
    assert.ok(r.envFilesNotUpdated.some((f) => f.startsWith('rotate-token/env-fails/broken/.env (line 2')), r.envFilesNotUpdated.join());
    assert.match(String(r.state), /both tokens work/);
    const secondary = (await t.accounts.getSecondaryAuthToken(em.accountSid))!;
    assert.strictEqual(current(em).secondaryAuthToken, secondary);
    assert.strictEqual(await accepts(em, em.authToken), true);
    assert.strictEqual(await accepts(em, secondary), true);
    // The tree shows it waiting under the account.
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    const waiting = (await tree.getChildren(account)).find((n) => n.kind === 'message' && tree.getTreeItem(n).contextValue === 'message.secondaryAuthToken');
    assert.ok(waiting, 'the waiting secondary is in the tree');
    // Fixed, a second run continues with the same secondary.
    fs.writeFileSync(broken, `TWILIO_AUTH_TOKEN=${em.authToken}\n`);
    await t.envIndex.refresh(vscode.Uri.file(broken));
    const again = (await rotate(em, { confirmPromote: true }))!;
    assert.strictEqual(again.stoppedAt, undefined, again.state);
    assert.strictEqual(current(em).authToken, secondary);
    assert.strictEqual(fs.readFileSync(broken, 'utf8'), `TWILIO_AUTH_TOKEN=${secondary}\n`);
  });

  it('stops at "env" before promotion when an example or template file holds the token, whatever its template name; it is never written', async () => {
    const { t, em, files } = await setup('templates');
    const templates = new Map([
      [`${files.dir}/.env.example`, `TWILIO_AUTH_TOKEN=${em.authToken}\n`],
      [`${files.dir}/.env.defaults`, `TWILIO_AUTH_TOKEN=${em.authToken}\n`],
      [`${files.dir}/config/settings.sample.json`, `{ "twilio": { "authToken": "${em.authToken}" } }\n`],
    ]);
    const isEnv = (p: string) => path.basename(p).startsWith('.env');
    for (const [p, text] of templates) {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, text);
      if (isEnv(p)) await t.envIndex.refresh(vscode.Uri.file(p));
    }
    // Every later test's account has the same token: leave no file holding it behind, pass or fail.
    after.push(async () => {
      for (const p of templates.keys()) fs.rmSync(p, { force: true });
      for (const p of [...templates.keys()].filter(isEnv)) await t.envIndex.refresh(vscode.Uri.file(p));
    });
    ui = scriptUi();
    const r = (await rotate(em, { confirmPromote: true }))!;
    assert.deepStrictEqual([r.stoppedAt, r.promoted], ['env', false], r.state);
    for (const [p, text] of templates) assert.strictEqual(fs.readFileSync(p, 'utf8'), text, `${p} is untouched`);
    for (const label of ['rotate-token/templates/.env.example', 'rotate-token/templates/.env.defaults', 'rotate-token/templates/config/settings.sample.json:1']) {
      assert.ok(r.envFilesNotUpdated.some((f) => f.startsWith(`${label} (`)), `${label} in ${r.envFilesNotUpdated.join(' | ')}`);
    }
    assert.match(String(r.state), /both tokens work/);
    // Nothing was promoted: the old token still works, and the real .env files hold the secondary.
    const secondary = (await t.accounts.getSecondaryAuthToken(em.accountSid))!;
    assert.strictEqual(current(em).authToken, em.authToken);
    assert.strictEqual(em.requests.filter((q) => q.path === '/v1/AuthTokens/Promote').length, 0);
    assert.strictEqual(fs.readFileSync(path.join(files.dir, '.env'), 'utf8'), files.templates.get(path.join(files.dir, '.env'))!.replaceAll('{T}', secondary));
    // With the templates fixed, the next run continues with the same secondary and promotes it.
    for (const p of templates.keys()) {
      fs.writeFileSync(p, p.endsWith('.json') ? '{ "twilio": { "authToken": "<your Auth Token>" } }\n' : 'TWILIO_AUTH_TOKEN=\n');
      if (isEnv(p)) await t.envIndex.refresh(vscode.Uri.file(p));
    }
    const again = (await rotate(em, { confirmPromote: true }))!;
    assert.deepStrictEqual([again.stoppedAt, again.promoted], [undefined, true], again.state);
    assert.strictEqual(current(em).authToken, secondary);
  });

  it('stops at "verify" when the secondary does not authenticate, promoting nothing', async () => {
    const { em } = await setup('verify-fails');
    ui = scriptUi();
    em.faults.add({ kind: 'status', status: 401, times: 5, method: 'GET', path: '/2010-04-01/Accounts/*.json' });
    const r = (await rotate(em))!;
    assert.strictEqual(r.stoppedAt, 'verify');
    assert.match(String(r.state), /did not authenticate/);
    assert.strictEqual(current(em).authToken, em.authToken);
  });

  it('stops at "promote" when Twilio fails, with both tokens working', async () => {
    const { t, em } = await setup('promote-fails');
    em.faults.failNext(1, 503, { method: 'POST', path: '/v1/AuthTokens/Promote' });
    ui = scriptUi();
    const r = (await rotate(em, { confirmPromote: true }))!;
    assert.strictEqual(r.stoppedAt, 'promote');
    assert.match(String(r.state), /Both tokens still work/);
    const secondary = (await t.accounts.getSecondaryAuthToken(em.accountSid))!;
    assert.strictEqual(await accepts(em, em.authToken), true);
    assert.strictEqual(await accepts(em, secondary), true);
    const creds = await t.accounts.credentials(em.accountSid);
    assert.deepStrictEqual(creds?.auth, { kind: 'authToken', authToken: em.authToken }, 'the stored credential is still the old token');
  });

  it('a promotion whose answer is lost is recognised as done', async () => {
    const { t, em } = await setup('promote-lost');
    em.faults.commitThenDrop(1, { path: '/v1/AuthTokens/Promote' });
    ui = scriptUi();
    const r = (await rotate(em, { confirmPromote: true }))!;
    assert.strictEqual(r.stoppedAt, undefined, r.state);
    assert.strictEqual(r.promoted, true);
    const creds = await t.accounts.credentials(em.accountSid);
    assert.deepStrictEqual(creds?.auth, { kind: 'authToken', authToken: current(em).authToken });
  });

  it('left unpromoted, the secondary is promoted later from the tree; a failed check afterwards says where things stand', async () => {
    const { t, em } = await setup('later');
    ui = scriptUi().message(undefined);
    const r = (await rotate(em))!;
    assert.deepStrictEqual([r.promoted, r.stoppedAt], [false, undefined]);
    assert.match(String(r.state), /Promote it or delete it later from the tree/);
    assert.ok(t.accounts.pendingSecondarySince(em.accountSid));
    const secondary = (await t.accounts.getSecondaryAuthToken(em.accountSid))!;
    em.faults.add({ kind: 'status', status: 503, times: 20, method: 'GET', path: '/2010-04-01/Accounts/*.json' });
    const p = (await runOurs<RotateAuthTokenResult>('twilioCredentials.promoteSecondaryAuthToken', { accountSid: em.accountSid, confirm: true }))!;
    assert.strictEqual(p.promoted, true);
    assert.strictEqual(p.stoppedAt, 'verifyPromotion');
    assert.match(String(p.state), /promoted and stored/);
    em.faults.clear();
    assert.strictEqual(current(em).authToken, secondary);
    assert.deepStrictEqual((await t.accounts.credentials(em.accountSid))?.auth, { kind: 'authToken', authToken: secondary });
    assert.strictEqual(t.accounts.pendingSecondarySince(em.accountSid), undefined);
  });

  it('a waiting secondary can be deleted from the tree; the primary stays', async () => {
    const { t, em } = await setup('delete-later');
    ui = scriptUi().message(undefined);
    await rotate(em);
    const secondary = (await t.accounts.getSecondaryAuthToken(em.accountSid))!;
    ui.restore();
    ui = scriptUi().message('Delete Secondary');
    const deleted = await runOurs<boolean>('twilioCredentials.deleteSecondaryAuthToken', { accountSid: em.accountSid });
    assert.strictEqual(deleted, true);
    const confirm = ui.prompts.find((x) => x.kind === 'warning');
    assert.match(String((confirm?.options as { detail?: string } | undefined)?.detail), /rotate-token\/delete-later\/\.env/);
    assert.strictEqual(await accepts(em, secondary), false);
    assert.strictEqual(await accepts(em, em.authToken), true);
    assert.strictEqual(t.accounts.pendingSecondarySince(em.accountSid), undefined);
  });

  it('a subaccount managed through its parent: says its own Auth Token is needed, and offers to connect it', async () => {
    const { t, em } = await legacySlate();
    const sub = em.state.addSubaccount(em.accountSid, { friendlyName: 'Staging' });
    await connectEmulator(em, 'Parent');
    await t.accounts.ensureSubaccount(em.accountSid, { sid: sub.sid, friendlyName: 'Staging' });
    ui = scriptUi().message(undefined);
    const r = await runOurs('twilioCredentials.rotateAuthToken', { confirm: true, accountSid: sub.sid });
    assert.strictEqual(r, undefined);
    const modal = ui.prompts.find((p) => p.kind === 'warning');
    assert.match(String(modal?.text), /subaccount managed with the Auth Token of "Parent"/);
    assert.match(String((modal?.options as { detail?: string }).detail), /subaccount’s own Auth Token/);
    assert.deepStrictEqual(modal?.items, ['Connect with Its Own Auth Token']);
    assert.strictEqual(em.requests.filter((q) => q.path.startsWith('/v1/AuthTokens')).length, 0);
  });

  it('an account connected with a Main key is told the Auth Token is needed', async () => {
    const { em } = await legacySlate();
    await runOurs('twilioCredentials.connectAccount', {
      label: 'Main', accountSid: em.accountSid, apiKeySid: em.mainKey.sid, apiKeySecret: em.mainKey.secret, region: 'us1',
    });
    ui = scriptUi();
    assert.strictEqual(await rotate(em), undefined);
    assert.ok(ui.prompts.some((p) => p.kind === 'error' && /Main API key.*needs the Auth Token/.test(p.text)));
  });
});
