import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { cleanSlate, connectEmulator, workspaceRoot, codeActionsAt, runOurs, waitFor, storedKeySecret, fp } from './helpers';
import { scriptUi, ScriptedUi, watchModalsUnderProgress } from './ui';
import type { Emulator } from '../emulator/server';

interface Result {
  oldKeySid: string;
  newKeySid?: string;
  envFilesUpdated: string[];
  envFilesNotUpdated: string[];
  oldKeyDeleted: boolean;
  stoppedAt?: string;
  state?: string;
}

/** A connected account with a key created here and written to a fresh .env file. */
async function setup(name: string): Promise<{ em: Emulator; t: Awaited<ReturnType<typeof cleanSlate>>['t']; keySid: string; env: string }> {
  const { t, em } = await cleanSlate();
  await connectEmulator(em);
  const env = path.join(workspaceRoot(), 'rotate', name, '.env');
  fs.mkdirSync(path.dirname(env), { recursive: true });
  fs.writeFileSync(env, '# app settings\nPORT=3000\n');
  const ui = scriptUi().message(undefined);
  try {
    const created = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid,
      friendlyName: `svc ${name}`,
      type: 'standard',
      envFile: env,
    });
    await t.envIndex(vscode.Uri.file(env));
    return { em, t, keySid: created.keySid, env };
  } finally {
    ui.restore();
  }
}

async function rotate(em: Emulator, keySid: string, confirmDelete = true): Promise<Result> {
  const watch = watchModalsUnderProgress();
  try {
    const r = await runOurs<Result>('twilioCredentials.rotateKey', { confirm: true, accountSid: em.accountSid, keySid, confirmDelete });
    assert.deepStrictEqual(watch.modalsUnderProgress, [], 'no modal is shown while the progress notification is open');
    return r;
  } finally {
    watch.restore();
  }
}

describe('Rotate a key', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('creates a replacement, updates the .env, checks it works and deletes the old key', async () => {
    const { em, t, keySid, env } = await setup('happy');
    ui = scriptUi();
    const r = await rotate(em, keySid);
    assert.strictEqual(r.stoppedAt, undefined, r.state);
    assert.ok(r.newKeySid && r.newKeySid !== keySid);
    const fresh = em.state.keys.get(r.newKeySid)!;
    assert.match(String(fresh.friendlyName), /^svc happy \(rotated \d{4}-\d{2}-\d{2}\)$/);
    assert.strictEqual(em.state.keys.has(keySid), false, 'old key deleted');
    assert.strictEqual(await storedKeySecret(t, em.accountSid, r.newKeySid), fp(fresh.secret));
    assert.strictEqual(await storedKeySecret(t, em.accountSid, keySid), undefined);
    assert.strictEqual(fs.readFileSync(env, 'utf8'), `# app settings\nPORT=3000\nTWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_API_KEY=${r.newKeySid}\nTWILIO_API_SECRET=${fresh.secret}\n`);
    assert.deepStrictEqual(r.envFilesUpdated, ['rotate/happy/.env']);
  });

  it('asks about a .env file git would commit with no progress notification up, then updates it', async () => {
    const { em, keySid, env } = await setup('git');
    // The folder becomes a repository that does not ignore .env: writing the new secret there asks first.
    execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q'], { cwd: path.dirname(env), env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' }, stdio: 'pipe' });
    ui = scriptUi().message('Write Anyway');
    const r = await rotate(em, keySid);
    assert.strictEqual(r.stoppedAt, undefined, r.state);
    assert.ok(ui.prompts.some((p) => p.kind === 'warning' && /not ignored by git/.test(p.text)), JSON.stringify(ui.prompts.map((p) => p.text)));
    assert.deepStrictEqual(r.envFilesUpdated, ['rotate/git/.env']);
    assert.match(fs.readFileSync(env, 'utf8'), new RegExp(`TWILIO_API_KEY=${r.newKeySid}\n`));
  });

  it('keeps a restricted key\'s permissions', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const perms = ['/twilio/messaging/messages/create'];
    const created = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid, friendlyName: 'restricted one', type: 'restricted', permissions: perms, then: 'done',
    });
    await t.keys(em.accountSid);
    ui = scriptUi();
    const r = await rotate(em, created.keySid);
    assert.strictEqual(r.stoppedAt, undefined, r.state);
    assert.deepStrictEqual(em.state.keys.get(r.newKeySid!)!.policy?.allow, perms);
  });

  it('asks before deleting the old key, and keeps it when declined', async () => {
    const { em, keySid } = await setup('declined');
    ui = scriptUi().message(undefined);
    const r = await rotate(em, keySid, false);
    assert.strictEqual(r.oldKeyDeleted, false);
    assert.ok(em.state.keys.has(keySid));
    const modal = ui.prompts.find((p) => (p.options as { modal?: boolean })?.modal);
    assert.match(String(modal?.text), /Delete the old key/);
  });

  it('stops at "create" when Twilio fails, changing nothing', async () => {
    const { em, keySid, env } = await setup('create-fails');
    const before = fs.readFileSync(env, 'utf8');
    em.faults.failNext(1, 500, { method: 'POST', path: '/v1/Keys' });
    ui = scriptUi();
    const r = await rotate(em, keySid);
    assert.strictEqual(r.stoppedAt, 'create');
    assert.match(String(r.state), /Nothing was changed/);
    assert.strictEqual(fs.readFileSync(env, 'utf8'), before);
    assert.ok(em.state.keys.has(keySid));
  });

  it('stops at "store" when secret storage fails: the new secret is handed to the user, .env untouched', async () => {
    const { em, t, keySid, env } = await setup('store-fails');
    const before = fs.readFileSync(env, 'utf8');
    const unlock = t.lockSecretStorage();
    try {
      ui = scriptUi().message('I Have Saved It');
      const r = await rotate(em, keySid);
      assert.strictEqual(r.stoppedAt, 'store');
      assert.ok(r.newKeySid && em.state.keys.has(r.newKeySid), 'the new key exists');
      assert.ok(em.state.keys.has(keySid), 'the old key exists');
      assert.strictEqual(fs.readFileSync(env, 'utf8'), before);
      assert.ok(ui.prompts.some((p) => /could not be stored/.test(p.text)), 'the secret was handed over');
    } finally {
      unlock();
    }
  });

  it('stops at "env" when a .env file is malformed, saying which files were updated', async () => {
    const { em, t, keySid, env } = await setup('env-fails');
    const broken = path.join(workspaceRoot(), 'rotate', 'env-fails-2', '.env');
    fs.mkdirSync(path.dirname(broken), { recursive: true });
    const brokenText = `TWILIO_API_KEY=${keySid}\nBROKEN="unterminated\n`;
    fs.writeFileSync(broken, brokenText);
    await t.envIndex(vscode.Uri.file(broken));
    ui = scriptUi();
    const r = await rotate(em, keySid);
    assert.strictEqual(r.stoppedAt, 'env');
    assert.deepStrictEqual(r.envFilesUpdated, ['rotate/env-fails/.env']);
    assert.strictEqual(r.envFilesNotUpdated.length, 1);
    assert.match(r.envFilesNotUpdated[0], /^rotate\/env-fails-2\/\.env \(line 2/);
    assert.strictEqual(fs.readFileSync(broken, 'utf8'), brokenText, 'the malformed file is untouched');
    assert.ok(fs.readFileSync(env, 'utf8').includes(r.newKeySid!));
    assert.ok(em.state.keys.has(keySid), 'the old key is kept');
    assert.match(String(r.state), /NOT updated: rotate\/env-fails-2\/\.env/);
  });

  it('stops at "verify" when the new key does not authenticate, keeping the old key', async () => {
    const { em, keySid } = await setup('verify-fails');
    // Every check made with the new key is refused.
    em.faults.add({ kind: 'status', status: 401, times: 20, method: 'GET', path: '/2010-04-01/Accounts/*/Balance.json' });
    ui = scriptUi();
    const r = await rotate(em, keySid);
    assert.strictEqual(r.stoppedAt, 'verify');
    assert.ok(em.state.keys.has(keySid));
    assert.match(String(r.state), /did not authenticate/);
  });

  it('stops at "delete" when deleting the old key fails, with everything else moved', async () => {
    const { em, keySid, env } = await setup('delete-fails');
    em.faults.failNext(10, 500, { method: 'DELETE' });
    ui = scriptUi();
    const r = await rotate(em, keySid);
    assert.strictEqual(r.stoppedAt, 'delete');
    assert.ok(fs.readFileSync(env, 'utf8').includes(r.newKeySid!));
    assert.ok(em.state.keys.has(keySid));
    assert.match(String(r.state), /deleting the old key .* failed/);
  });

  it('is offered by the quick fixes on a hardcoded secret of a key in the tree', async () => {
    const { em, t } = await setup('from-editor');
    await t.keys(em.accountSid);
    const created = em.state.keys.get([...em.state.keys.keys()].find((sid) => em.state.keys.get(sid)!.friendlyName === 'svc from-editor')!)!;
    const file = path.join(workspaceRoot(), 'rotate', 'from-editor', 'client.js');
    fs.writeFileSync(file, `const client = twilio('${created.sid}', '${created.secret}', { accountSid: '${em.accountSid}' });\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(0).range;
    // The quick fix is offered once the key list and the document's findings are in: ask until then.
    const titles = await waitFor(async () => {
      const now = (await codeActionsAt(doc.uri, line)).map((a) => a.title);
      return now.some((x) => x.startsWith('Rotate API key')) ? now : undefined;
    }, 'the Rotate API key quick fix', 60_000);
    assert.ok(titles.some((x) => x === `Rotate API key ${created.sid} (create a replacement, update .env files, delete the old one)`), titles.join(' | '));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
