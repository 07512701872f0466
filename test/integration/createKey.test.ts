import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { scriptUi, ScriptedUi, BACK } from './ui';
import { accountRows, cleanSlate, connectEmulator, workspaceRoot, runOurs, storedKeySecret, fp } from './helpers';

interface Created {
  accountSid: string;
  keySid: string;
  secretStored: boolean;
  envFile?: string;
}

describe('Create an API key', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('creates a Standard key from the prompts and stores its secret in SecretStorage at once', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    ui = scriptUi().input('ci deploys').pick('Standard').message('Create Key', undefined);
    const created = await runOurs<Created>('twilioCredentials.createKey');
    const modal = ui.prompts.find((p) => p.items?.includes('Create Key'));
    assert.match(String(modal?.text), /Create the Standard API key "ci deploys" on "Emulator"/, 'a modal says what will be created before it is');
    assert.ok((modal?.options as { modal?: boolean }).modal);
    assert.ok(created.keySid.startsWith('SK'));
    assert.strictEqual(created.secretStored, true);
    const server = em.state.keys.get(created.keySid);
    assert.strictEqual(server?.friendlyName, 'ci deploys');
    assert.strictEqual(server?.type, 'standard');
    assert.strictEqual(await storedKeySecret(t, em.accountSid, created.keySid), server && fp(server.secret), 'the stored secret is the one Twilio returned');
    assert.ok(!JSON.stringify(created).includes(server!.secret), 'the command result never carries the secret');
    // Nor does the test driver, which any extension in a test host can reach: fingerprints only.
    const seen = JSON.stringify([await t.accounts(), await t.tree(), await t.envIndex(), t.terminals(), t.storage(), await t.keys(em.accountSid)]);
    assert.ok(seen.includes(fp(server!.secret)) && !seen.includes(server!.secret) && !seen.includes(em.authToken), 'no secret crosses the test driver');
    // The new key shows in the tree with its secret marked as stored.
    await t.keys(em.accountSid);
    const node = (await accountRows(t)).find((n) => n.kind === 'key' && n.keySid === created.keySid);
    assert.match(String(node?.contextValue), /secretStored/);
  });

  it('offers a default name from the workspace and machine, and validates the length', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    ui = scriptUi().input((opts) => {
      assert.ok(opts.value && opts.value.includes(' on '), `default name "${opts.value}"`);
      return 'x'.repeat(65);
    });
    await runOurs('twilioCredentials.createKey');
    assert.ok(ui.validation[0], 'a 65-character name is refused while typing');
  });

  it('creates a Restricted key with the chosen permissions', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    ui = scriptUi()
      .input('sms sender')
      .pick('Restricted', ['/twilio/messaging/messages/create', '/twilio/messaging/messages/read'])
      .message('Create Key', undefined);
    const created = await runOurs<Created>('twilioCredentials.createKey');
    const server = em.state.keys.get(created.keySid)!;
    assert.strictEqual(server.type, 'restricted');
    assert.deepStrictEqual([...(server.policy?.allow ?? [])].sort(), ['/twilio/messaging/messages/create', '/twilio/messaging/messages/read']);
    await t.keys(em.accountSid);
    const key = (await t.keys(em.accountSid)).items.find((k) => k.sid === created.keySid);
    assert.strictEqual(key?.type, 'restricted');
  });

  it('goes Back from the permissions and the type, and creates the key as finally answered', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em, 'Prod');
    ui = scriptUi()
      .input('first name', 'second name')
      .pick(BACK, 'Restricted', BACK, 'Standard') // Back at the type; Restricted; Back at the permissions; Standard
      .message('Create Key', undefined);
    // name → type (Back) → name → type: Restricted → permissions (Back) → type: Standard
    const created = await runOurs<Created>('twilioCredentials.createKey');
    assert.deepStrictEqual(
      ui.prompts.filter((p) => p.kind === 'input' || p.kind === 'pick').map((p) => `${String((p.options as { title?: string }).title)}${p.back ? ' <' : ''}`),
      [
        'Create API Key (1/2): Prod',
        'Create API Key (2/2): first name <',
        'Create API Key (1/2): Prod',
        'Create API Key (2/2): second name <',
        'Create API Key (3/3): second name <',
        'Create API Key (2/3): second name <',
      ],
    );
    const names = ui.prompts.filter((p) => p.kind === 'input').map((p) => (p.options as vscode.InputBoxOptions).value);
    assert.strictEqual(names[1], 'first name', 'the name step shows its earlier answer after Back');
    const server = em.state.keys.get(created.keySid);
    assert.strictEqual(server?.friendlyName, 'second name');
    assert.strictEqual(server?.type, 'standard');
    assert.strictEqual(em.requests.filter((r) => r.method === 'POST').length, 1, 'one key created');
  });

  it('a name given by argument leaves one step, titled without a count', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em, 'Prod');
    ui = scriptUi().pick(undefined);
    assert.strictEqual(await runOurs('twilioCredentials.createKey', { confirm: true, friendlyName: 'given' }), undefined);
    assert.deepStrictEqual(ui.prompts.map((p) => [String((p.options as { title?: string }).title), !!p.back]), [['Create API Key: given', false]]);
  });

  for (const [step, answer] of [
    ['name', (u: ScriptedUi) => u.input(undefined)],
    ['type', (u: ScriptedUi) => u.input('n').pick(undefined)],
    ['permissions', (u: ScriptedUi) => u.input('n').pick('Restricted', undefined)],
    ['creation modal', (u: ScriptedUi) => u.input('n').pick('Standard').message(undefined)],
  ] as const) {
    it(`creates nothing when cancelled at the ${step} prompt`, async () => {
      const { em } = await cleanSlate();
      await connectEmulator(em);
      const before = em.state.keysOf(em.accountSid).length;
      ui = scriptUi();
      answer(ui);
      assert.strictEqual(await runOurs('twilioCredentials.createKey'), undefined);
      assert.strictEqual(em.state.keysOf(em.accountSid).length, before);
      assert.ok(!em.requests.some((r) => r.method === 'POST'), 'no create request was sent');
    });
  }

  it('asks which account when several are connected, and cancelling there creates nothing', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em, 'A');
    const other = em.state.addAccount({ friendlyName: 'other' });
    await runOurs('twilioCredentials.connectAccount', { label: 'B', accountSid: other.sid, authToken: other.authToken, region: 'us1' });
    ui = scriptUi().pick(undefined);
    assert.strictEqual(await runOurs('twilioCredentials.createKey'), undefined);
    assert.deepStrictEqual(ui.prompts[0].items?.sort(), ['A', 'B']);
  });

  it('writes the key to a new .env file with mode 0600 when asked', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const env = path.join(workspaceRoot(), 'create-new', '.env');
    fs.mkdirSync(path.dirname(env), { recursive: true });
    ui = scriptUi().message(undefined); // the "not git-ignored" warning, if any
    const created = await runOurs<Created>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid,
      friendlyName: 'env writer',
      type: 'standard',
      envFile: env,
    });
    const text = fs.readFileSync(env, 'utf8');
    const secret = em.state.keys.get(created.keySid)!.secret;
    assert.strictEqual(text, `TWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_API_KEY=${created.keySid}\nTWILIO_API_SECRET=${secret}\n`);
    if (process.platform !== 'win32') assert.strictEqual(fs.statSync(env).mode & 0o777, 0o600);
  });

  it('keeps the secret safe when SecretStorage fails: the user can still write it to .env', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const unlock = t.lockSecretStorage();
    const env = path.join(workspaceRoot(), '.env.storefail');
    try {
      ui = scriptUi().message('Write to .env').pick(path.basename(env));
      fs.writeFileSync(env, '# keep me\n');
      const created = await runOurs<Created>('twilioCredentials.createKey', {
        confirm: true,
        accountSid: em.accountSid,
        friendlyName: 'store fails',
        type: 'standard',
      });
      assert.strictEqual(created.secretStored, false);
      const modal = ui.prompts.find((p) => p.kind === 'warning' && (p.options as { modal?: boolean })?.modal);
      assert.ok(modal, 'a modal warns that the secret was not stored');
      const secret = em.state.keys.get(created.keySid)!.secret;
      const detail = String((modal.options as { detail?: string }).detail);
      assert.match(detail, /keyring is locked/);
      assert.ok(!detail.includes(secret), 'the modal masks the secret');
      assert.ok(detail.includes(secret.slice(-4)), 'but shows its last 4 characters');
      assert.strictEqual(fs.readFileSync(env, 'utf8'), `# keep me\nTWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_API_KEY=${created.keySid}\nTWILIO_API_SECRET=${secret}\n`);
    } finally {
      unlock();
    }
  });
});
