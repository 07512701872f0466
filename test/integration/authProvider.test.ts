// The `twilio` authentication provider from the inside (the provider object). How another
// extension obtains, uses and loses a session is shown in the workbench (e2e), where a user can
// answer VS Code's consent prompt.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { legacySlate, connectEmulator, waitFor } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import { parseSessionToken } from '../../src/features/auth/sessionToken';


describe('The twilio authentication provider', function () {
  this.timeout(120_000);
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('mints a restricted key with exactly the requested scopes, and a Standard key for none', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    ui = scriptUi().message('Create Key', 'Create Key');
    const scopes = ['/twilio/messaging/messages/create', '/twilio/iam/accounts/read'];
    const session = await t.auth.createSession(scopes);
    // After VS Code's consent, Create API Key still shows what it creates before creating it.
    const modal = ui.prompts.find((p) => p.items?.includes('Create Key'));
    assert.match(String(modal?.text), /Create the Restricted API key "VS Code sign-in on .+" on "Emulator"/);
    assert.match(String((modal?.options as { detail?: string }).detail), /\/twilio\/messaging\/messages\/create/);
    const key = em.state.keys.get(session.id)!;
    assert.strictEqual(key.type, 'restricted');
    assert.deepStrictEqual([...key.policy!.allow].sort(), [...scopes].sort());
    assert.deepStrictEqual(session.account, { id: em.accountSid, label: `Emulator (${em.accountSid})` });
    const token = parseSessionToken(session.accessToken)!;
    assert.deepStrictEqual({ ...token, apiSecret: token.apiSecret === key.secret }, { version: 1, accountSid: em.accountSid, apiKey: session.id, apiSecret: true });
    assert.strictEqual(await t.accounts.getKeySecret(em.accountSid, session.id), key.secret, 'the secret is stored like any key created here');

    const standard = await t.auth.createSession([]);
    assert.strictEqual(em.state.keys.get(standard.id)!.type, 'standard');
    assert.deepStrictEqual((await t.auth.getSessions([...scopes].reverse())).map((s) => s.id), [session.id], 'scopes match as a set');
    assert.deepStrictEqual((await t.auth.getSessions([])).map((s) => s.id), [standard.id]);
  });

  it('refuses scopes that are not restricted-key permissions, creating nothing', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const before = em.state.keysOf(em.accountSid).length;
    await assert.rejects(t.auth.createSession(['/twilio/messaging/messages/launch-rockets']), /permission/);
    await assert.rejects(t.auth.createSession(['repo']), /permission/);
    assert.strictEqual(em.state.keysOf(em.accountSid).length, before);
  });

  it('a sign-in whose creation modal is dismissed creates nothing', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const before = em.state.keysOf(em.accountSid).length;
    ui = scriptUi().message(undefined);
    await assert.rejects(t.auth.createSession(['/twilio/iam/accounts/read']), /No key was created/);
    assert.ok(ui.prompts.some((p) => p.items?.includes('Create Key')), 'the modal was shown');
    assert.strictEqual(em.state.keysOf(em.accountSid).length, before);
  });

  it('removing a session deletes its key; a key deleted elsewhere ends its session', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    ui = scriptUi().message('Create Key', 'Create Key');
    const a = await t.auth.createSession(['/twilio/iam/accounts/read']);
    const removed: string[] = [];
    const sub = t.auth.onDidChangeSessions((e) => removed.push(...(e.removed ?? []).map((s) => s.id)));
    try {
      await t.auth.removeSession(a.id);
      assert.strictEqual(em.state.keys.get(a.id), undefined, 'the key is deleted on Twilio');
      assert.deepStrictEqual(removed, [a.id]);
      // Another window (or the tree) deleting the key's secret: the session goes too.
      const b = await t.auth.createSession([]);
      await t.accounts.forgetKeySecret(em.accountSid, b.id);
      await waitFor(() => removed.includes(b.id) || undefined, 'the session of a forgotten key to end');
      assert.deepStrictEqual(await t.auth.getSessions(), []);
    } finally {
      sub.dispose();
    }
  });

  it('sessions survive a restart of the provider: the list from global state, the secret from SecretStorage', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    ui = scriptUi().message('Create Key');
    const session = await t.auth.createSession(['/twilio/iam/accounts/read']);
    const { TwilioAuthProvider } = await import('../../src/features/auth/twilioAuthProvider');
    // A second provider over the same storage stands for the next window load (registering the
    // id twice is refused by VS Code, so only its listing is used).
    const listed = await TwilioAuthProvider.prototype.getSessions.call(Object.assign(Object.create(TwilioAuthProvider.prototype), {
      s: t, sessionState: t.context.globalState, known: new Map(), queue: Promise.resolve(), changed: new vscode.EventEmitter(),
    }));
    assert.deepStrictEqual(listed.map((s) => [s.id, s.accessToken === session.accessToken]), [[session.id, true]]);
    for (const k of t.context.globalState.keys()) {
      assert.ok(!JSON.stringify(t.context.globalState.get(k) ?? null).includes(parseSessionToken(session.accessToken)!.apiSecret), `no secret in global state (${k})`);
    }
  });
  // Another extension obtaining, using and losing a session: test/e2e/credentialsWithoutFiles.test.ts
  // (VS Code refuses to show the consent dialog in an extension test run, so that needs the workbench).
});
