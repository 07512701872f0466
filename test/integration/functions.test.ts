// Twilio Functions in real VS Code against the emulator: the tree's Functions group shows only the
// variables that hold a credential and never a value; Use Key in Functions writes after a
// confirmation and nothing without it; Rotate API Key and Rotate Auth Token update the variables
// holding the old credential before revoking it, and stop before revoking when one cannot be
// updated; Delete API Key names the variables still holding the key.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { legacySlate, connectEmulator, runOurs, waitFor } from './helpers';
import { scriptUi, ScriptedUi, watchModalsUnderProgress } from './ui';
import type { Emulator } from '../emulator/server';
import type { Node } from '../../src/surfaces/tree/treeItems';
import type { RotateKeyResult } from '../../src/features/keys/commands/rotateKey';
import type { RotateAuthTokenResult } from '../../src/features/authToken/rotateAuthToken';
import type { UseKeyInFunctionsResult } from '../../src/features/functions/useKeyInFunctions';
import { fakeKeySecret } from '../support/fakeCredentials';

type Testing = Awaited<ReturnType<typeof legacySlate>>['t'];

/** Every message the extension sends to its log, before masking: a value must never be among them. */
function captureLog(t: Testing): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const log = t.log as unknown as Record<'info' | 'warn' | 'error', (message: string, e?: unknown) => void>;
  const originals = { info: log.info, warn: log.warn, error: log.error };
  for (const level of ['info', 'warn', 'error'] as const) {
    log[level] = function (this: unknown, message: string, e?: unknown) {
      lines.push(`${message} ${e instanceof Error ? e.message : e === undefined ? '' : String(e)}`);
      return originals[level].call(t.log, message, e);
    };
  }
  return { lines, restore: () => Object.assign(log, originals) };
}

/** A connected emulator account with a Standard key created here (its secret stored). */
async function withStoredKey(name: string): Promise<{ t: Testing; em: Emulator; keySid: string; secret: string }> {
  const { t, em } = await legacySlate();
  await connectEmulator(em);
  const created = await runOurs<{ keySid: string }>('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: name, type: 'standard', then: 'done' });
  const secret = em.state.keys.get(created.keySid)!.secret;
  return { t, em, keySid: created.keySid, secret };
}

/** A service with one environment per entry of `envs`. */
function seedService(em: Emulator, uniqueName: string, envs: Record<string, Record<string, string>>) {
  const service = em.state.addService(em.accountSid, { uniqueName, friendlyName: uniqueName, environments: Object.entries(envs).map(([env, variables]) => ({ uniqueName: env, variables })) });
  const environments = em.state.environmentsOf(service.sid);
  return { service, env: (name: string) => environments.find((e) => e.uniqueName === name)! };
}

const valueOf = (em: Emulator, environmentSid: string, key: string) => em.state.variablesOf(environmentSid).find((v) => v.key === key)?.value;
const modalOf = (ui: ScriptedUi, text: RegExp) => ui.prompts.find((p) => (p.options as { modal?: boolean } | undefined)?.modal && text.test(p.text));
const detailOf = (ui: ScriptedUi, text: RegExp) => String((modalOf(ui, text)?.options as { detail?: string } | undefined)?.detail);

/** Children of a tree node once they stop loading. */
async function settled(t: Testing, node: Node): Promise<Node[]> {
  const tree = t.accountsView.tree;
  return waitFor(async () => {
    const children = await tree.getChildren(node);
    return children.some((c) => c.kind === 'functionsMessage' && /Loading|Checking/.test(c.message)) ? undefined : children;
  }, `the children of ${node.kind}`);
}

/** Everything a user could read on a row, and what its command passes. */
function shown(t: Testing, node: Node): string {
  const item = t.accountsView.tree.getTreeItem(node);
  const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
  return [item.label, item.description, tooltip, item.accessibilityInformation?.label, JSON.stringify(item.command?.arguments ?? []), JSON.stringify(node)].join(' | ');
}

describe('Twilio Functions', () => {
  let ui: ScriptedUi | undefined;
  let log: { lines: string[]; restore(): void } | undefined;
  afterEach(() => {
    ui?.restore();
    log?.restore();
    ui = undefined;
    log = undefined;
  });

  it('lists under the account only the variables that hold a credential, and never a value (tree or log)', async () => {
    const { t, em, keySid, secret } = await withStoredKey('functions tree');
    log = captureLog(t);
    const stranger = fakeKeySecret();
    const plain = { WEBHOOK_URL: 'https://example.org/hooks/sms', GREETING: 'Hello from the Functions tree', REGION_NAME: 'eu-west' };
    seedService(em, 'notify', {
      production: { TWILIO_ACCOUNT_SID: em.accountSid, TWILIO_API_KEY: keySid, TWILIO_API_SECRET: secret, AUTH_TOKEN: em.authToken, STRIPE_SECRET: stranger, ...plain },
      dev: { PORT: '3000' },
    });
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    const group = (await tree.getChildren(account)).find((n) => n.kind === 'functions')!;
    assert.ok(group, 'a Functions group under the account');
    const [service] = await settled(t, group);
    const environments = await settled(t, service);
    assert.deepStrictEqual(environments.map((n) => tree.getTreeItem(n).label), ['production', 'dev']);
    const variables = await settled(t, environments[0]);
    const tail = keySid.slice(-4);
    assert.deepStrictEqual(
      variables.map((n) => [tree.getTreeItem(n).label, tree.getTreeItem(n).description]),
      [
        ['TWILIO_ACCOUNT_SID', `the Account SID AC…${em.accountSid.slice(-4)}`],
        ['TWILIO_API_KEY', `the SID of key SK…${tail}`],
        ['TWILIO_API_SECRET', `the secret of key SK…${tail}`],
        ['AUTH_TOKEN', 'the Auth Token'],
        ['STRIPE_SECRET', 'an unknown 32-character secret'],
      ],
    );
    assert.deepStrictEqual((await settled(t, environments[1])).map((n) => tree.getTreeItem(n).label), ['No variable holds a credential']);
    const everything = [group, service, ...environments, ...variables].map((n) => shown(t, n)).join('\n') + log.lines.join('\n');
    for (const [what, value] of Object.entries({ secret, authToken: em.authToken, stranger, ...plain })) {
      assert.ok(!everything.includes(value), `${what} appears in the tree or the log`);
    }
  });

  it('says what is missing instead of listing: a restricted key without Serverless permissions, a subaccount through its parent', async () => {
    const { t, em } = await legacySlate();
    const restricted = em.state.addKey(em.accountSid, { type: 'restricted', permissions: ['/twilio/iam/accounts/read', '/twilio/iam/api-keys/read'] });
    const sub = em.state.addAccount({ friendlyName: 'Customer A', ownerAccountSid: em.accountSid });
    seedService(em, 'notify', { production: {} });
    const connected = await runOurs<string>('twilioCredentials.connectAccount', {
      label: 'Restricted',
      accountSid: em.accountSid,
      apiKeySid: restricted.sid,
      apiKeySecret: restricted.secret,
      region: 'us1',
    });
    assert.strictEqual(connected, em.accountSid);
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    const group = (await tree.getChildren(account)).find((n) => n.kind === 'functions')!;
    const [row] = await settled(t, group);
    assert.strictEqual(tree.getTreeItem(row).label, 'This API key may not read Twilio Functions');
    assert.match(String(tree.getTreeItem(row).tooltip), /\/twilio\/serverless\/services\/read/);

    await t.accounts.disconnect(em.accountSid);
    await connectEmulator(em, 'Parent');
    const [parent] = await tree.getChildren();
    const subaccounts = await waitFor(async () => (await tree.getChildren(parent)).find((n) => n.kind === 'subaccounts'), 'the Subaccounts group');
    const [subRow] = await tree.getChildren(subaccounts);
    const subGroup = await waitFor(async () => (await tree.getChildren(subRow)).find((n) => n.kind === 'functions'), "the subaccount's Functions group");
    const before = em.requests.length;
    const [message] = await settled(t, subGroup);
    const item = tree.getTreeItem(message);
    assert.strictEqual(item.label, 'Needs the subaccount’s own credentials');
    assert.strictEqual(item.command?.command, 'twilioCredentials.connectAccount');
    assert.strictEqual((item.command?.arguments?.[0] as { accountSid: string }).accountSid, sub.sid);
    assert.ok(!em.requests.slice(before).some((q) => q.path.startsWith('/v1/Services')), 'Twilio is not asked');
  });

  it('the Retry row of a list that failed loads it again: its arguments are the extension’s own, though the row comes from dist/functionsTree.js', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    seedService(em, 'notify', { production: {} });
    em.faults.failNext(1, 400, { method: 'GET', path: '/v1/Services' });
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    const group = (await tree.getChildren(account)).find((n) => n.kind === 'functions')!;
    const [failed] = await settled(t, group);
    const retry = tree.getTreeItem(failed).command!;
    assert.strictEqual(retry.command, 'twilioCredentials.loadMoreFunctions', `a Retry row: ${String(tree.getTreeItem(failed).label)}`);
    assert.ok(Object.isFrozen(retry.arguments![0]), 'its arguments cannot be given another field');
    await vscode.commands.executeCommand(retry.command, ...retry.arguments!);
    const services = await waitFor(async () => {
      const rows = await settled(t, group);
      return rows.some((n) => n.kind === 'functionsService') ? rows : undefined;
    }, 'the services after Retry');
    assert.deepStrictEqual(services.map((n) => tree.getTreeItem(n).label), ['notify']);
  });

  it('Use Key in Functions from an environment row asks only for the key, then confirms', async () => {
    const { t, em, keySid, secret } = await withStoredKey('from the row');
    const { env } = seedService(em, 'notify', { production: {} });
    const tree = t.accountsView.tree;
    const [account] = await tree.getChildren();
    const group = (await tree.getChildren(account)).find((n) => n.kind === 'functions')!;
    const [service] = await settled(t, group);
    const [environment] = await settled(t, service);
    ui = scriptUi().pick('from the row').message('Write Variables');
    const r = await vscode.commands.executeCommand<UseKeyInFunctionsResult>('twilioCredentials.useKeyInFunctions', environment);
    assert.deepStrictEqual(ui.prompts.filter((p) => p.kind === 'pick').map((p) => p.text), ['Use Key in Functions Which key should the Functions use?']);
    assert.deepStrictEqual(r.created, ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET']);
    assert.strictEqual(valueOf(em, env('production').sid, 'TWILIO_API_SECRET'), secret);
    assert.strictEqual(valueOf(em, env('production').sid, 'TWILIO_API_KEY'), keySid);
    // The tree shows what the environment now holds.
    const variables = await waitFor(async () => {
      const v = await settled(t, environment);
      return v.length === 3 ? v : undefined;
    }, 'the written variables in the tree');
    assert.deepStrictEqual(variables.map((n) => tree.getTreeItem(n).description), [`the Account SID AC…${em.accountSid.slice(-4)}`, `the SID of key SK…${keySid.slice(-4)}`, `the secret of key SK…${keySid.slice(-4)}`]);
  });

  it('Use Key in Functions writes the three variables after a confirmation naming the service, the environment and what is created or overwritten', async () => {
    const { t, em, keySid, secret } = await withStoredKey('for functions');
    const { service, env } = seedService(em, 'notify', { production: { TWILIO_API_KEY: 'SK-placeholder', PORT: '3000' } });
    const production = env('production');
    log = captureLog(t);
    ui = scriptUi().message('Write Variables');
    const watch = watchModalsUnderProgress();
    const r = await runOurs<UseKeyInFunctionsResult>('twilioCredentials.useKeyInFunctions', {
      accountSid: em.accountSid,
      keySid,
      serviceSid: 'notify',
      environmentSid: 'production',
    });
    watch.restore();
    assert.deepStrictEqual(watch.modalsUnderProgress, []);
    const modal = modalOf(ui, /Write the key/)!;
    assert.ok(modal, 'the confirmation is shown although every field was given');
    assert.match(modal.text, /"for functions".*"production" of "notify"/);
    const detail = detailOf(ui, /Write the key/);
    assert.match(detail, new RegExp(`Service: notify \\(${service.sid}\\)`));
    assert.match(detail, /Environment: production/);
    assert.match(detail, /Will create: TWILIO_ACCOUNT_SID, TWILIO_API_SECRET/);
    assert.match(detail, /Will overwrite: TWILIO_API_KEY \(now a value that is not a credential\)/);
    assert.strictEqual(valueOf(em, production.sid, 'TWILIO_ACCOUNT_SID'), em.accountSid);
    assert.strictEqual(valueOf(em, production.sid, 'TWILIO_API_KEY'), keySid);
    assert.strictEqual(valueOf(em, production.sid, 'TWILIO_API_SECRET'), secret);
    assert.strictEqual(valueOf(em, production.sid, 'PORT'), '3000');
    assert.deepStrictEqual([r.created, r.updated, r.notWritten], [['TWILIO_ACCOUNT_SID', 'TWILIO_API_SECRET'], ['TWILIO_API_KEY'], []]);
    const said = JSON.stringify(r) + JSON.stringify(ui.prompts) + log.lines.join('\n');
    assert.ok(!said.includes(secret), 'the secret appears in a message, the result or the log');
  });

  it('Use Key in Functions writes nothing when the confirmation is dismissed, and asks through pickers what is not given', async () => {
    const { em } = await withStoredKey('not used');
    const { env } = seedService(em, 'notify', { production: {}, staging: {} });
    ui = scriptUi().pick('not used', 'notify', 'staging').message(undefined);
    const r = await vscode.commands.executeCommand('twilioCredentials.useKeyInFunctions', { accountSid: em.accountSid });
    assert.strictEqual(r, undefined);
    assert.deepStrictEqual(ui.prompts.filter((p) => p.kind === 'pick').map((p) => p.items), [[`not used`], ['notify'], ['production', 'staging']]);
    assert.match(detailOf(ui, /Write the key/), /Will create: TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET/);
    assert.deepStrictEqual(em.state.variablesOf(env('staging').sid), []);
    assert.ok(!em.requests.some((q) => q.method === 'POST' && q.path.includes('/Variables')), 'no variable was written');
    ui.restore();
    // Dismissing a pick (thrown in dist/functions.js, loaded on first use) ends the command quietly.
    ui = scriptUi().pick('not used', undefined);
    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.useKeyInFunctions', { accountSid: em.accountSid }), undefined);
    assert.deepStrictEqual(ui.prompts.filter((p) => p.kind === 'error'), [], 'no error is shown');
  });

  it('Use Key in Functions called by another extension with every field asks each question, its suggestions first, and confirms', async () => {
    const { em } = await withStoredKey('first');
    const { keySid } = await runOurs<{ keySid: string }>('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'suggested', type: 'standard', then: 'done' });
    seedService(em, 'alpha', { production: {} });
    const { env } = seedService(em, 'notify', { production: {}, staging: {} });
    ui = scriptUi().pick('suggested', 'notify', 'staging').message(undefined);
    // A plain object, as another extension passes it: its fields pre-fill, none answers.
    const r = await vscode.commands.executeCommand('twilioCredentials.useKeyInFunctions', { accountSid: em.accountSid, keySid, serviceSid: 'notify', environmentSid: 'staging' });
    assert.strictEqual(r, undefined);
    const picks = ui.prompts.filter((p) => p.kind === 'pick').map((p) => p.items?.[0]);
    assert.deepStrictEqual(picks, ['suggested', 'notify', 'staging'], 'each picker is shown, starting from the suggestion');
    assert.ok(modalOf(ui, /Write the key "suggested"/), 'the confirmation is shown');
    assert.deepStrictEqual(em.state.variablesOf(env('staging').sid), [], 'dismissed: nothing written');
  });

  it('Use Key in Functions says exactly which variables were written when a write fails', async () => {
    const { em, keySid, secret } = await withStoredKey('half written');
    // TWILIO_API_KEY exists, so it is an update (…/Variables/ZV…): the fault hits it alone, after the Account SID was created.
    const { env } = seedService(em, 'notify', { production: { TWILIO_API_KEY: 'SK-placeholder' } });
    em.faults.failNext(1, 500, { method: 'POST', path: '/v1/Services/*/Environments/*/Variables/*' });
    ui = scriptUi().message('Write Variables');
    const r = await runOurs<UseKeyInFunctionsResult>('twilioCredentials.useKeyInFunctions', { accountSid: em.accountSid, keySid, serviceSid: 'notify', environmentSid: 'production' });
    assert.deepStrictEqual([r.created, r.updated, r.notWritten, r.failed?.key], [['TWILIO_ACCOUNT_SID'], [], ['TWILIO_API_KEY', 'TWILIO_API_SECRET'], 'TWILIO_API_KEY']);
    const stop = modalOf(ui, /stopped/)!;
    assert.match(stop.text, /TWILIO_API_KEY in notify \/ production could not be written/);
    const detail = String((stop.options as { detail?: string }).detail);
    assert.match(detail, /Written: created TWILIO_ACCOUNT_SID; updated none\. NOT written: TWILIO_API_KEY, TWILIO_API_SECRET\./);
    const production = env('production').sid;
    assert.strictEqual(valueOf(em, production, 'TWILIO_ACCOUNT_SID'), em.accountSid);
    assert.strictEqual(valueOf(em, production, 'TWILIO_API_KEY'), 'SK-placeholder');
    assert.strictEqual(valueOf(em, production, 'TWILIO_API_SECRET'), undefined);
    assert.ok(!JSON.stringify(ui.prompts).includes(secret));
  });

  /** Rotates with the deletion confirmed by argument, checking no modal waits under a progress notification. */
  async function rotateKey(em: Emulator, keySid: string): Promise<RotateKeyResult> {
    const watch = watchModalsUnderProgress();
    try {
      return await runOurs<RotateKeyResult>('twilioCredentials.rotateKey', { accountSid: em.accountSid, keySid, confirm: true, confirmDelete: true });
    } finally {
      watch.restore();
      assert.deepStrictEqual(watch.modalsUnderProgress, []);
    }
  }

  it('Rotate API Key gives every variable holding the old key the new one, then deletes the old key', async () => {
    const { t, em, keySid, secret } = await withStoredKey('deployed');
    const { env } = seedService(em, 'notify', { production: { TWILIO_API_KEY: keySid, TWILIO_API_SECRET: secret, PORT: '3000' }, staging: { SMS_KEY: keySid, SMS_SECRET: secret } });
    const other = seedService(em, 'untouched', { production: { TWILIO_API_KEY: em.standardKey.sid, TWILIO_API_SECRET: em.standardKey.secret } });
    log = captureLog(t);
    ui = scriptUi();
    const r = await rotateKey(em, keySid);
    assert.strictEqual(r.stoppedAt, undefined, r.state);
    const fresh = em.state.keys.get(r.newKeySid!)!;
    for (const [name, sidKey, secretKey] of [['production', 'TWILIO_API_KEY', 'TWILIO_API_SECRET'], ['staging', 'SMS_KEY', 'SMS_SECRET']]) {
      assert.strictEqual(valueOf(em, env(name).sid, sidKey), fresh.sid, `${name} ${sidKey}`);
      assert.strictEqual(valueOf(em, env(name).sid, secretKey), fresh.secret, `${name} ${secretKey}`);
    }
    assert.strictEqual(valueOf(em, other.env('production').sid, 'TWILIO_API_KEY'), em.standardKey.sid, 'another key is left alone');
    assert.deepStrictEqual(r.functionsVariablesUpdated, ['notify / production: TWILIO_API_KEY', 'notify / production: TWILIO_API_SECRET', 'notify / staging: SMS_KEY', 'notify / staging: SMS_SECRET']);
    assert.strictEqual(em.state.keys.has(keySid), false, 'the old key is deleted');
    // Every variable was updated before the old key was deleted.
    const at = (match: (q: { method: string; path: string }) => boolean) => em.requests.findIndex(match);
    const lastUpdate = em.requests.map((q, i) => (q.method === 'POST' && /\/Variables\/ZV/.test(q.path) ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
    const deletion = at((q) => q.method === 'DELETE' && q.path.endsWith(keySid));
    assert.ok(lastUpdate >= 0 && deletion > lastUpdate, `updates (last at ${lastUpdate}) come before the deletion (${deletion})`);
    const said = JSON.stringify(r) + JSON.stringify(ui.prompts) + log.lines.join('\n');
    for (const value of [secret, fresh.secret]) assert.ok(!said.includes(value), 'a secret appears in a message, the result or the log');
  });

  it('Rotate API Key lists the variables in its confirmation beside the .env files', async () => {
    const { em, keySid, secret } = await withStoredKey('asked');
    seedService(em, 'notify', { production: { TWILIO_API_KEY: keySid, TWILIO_API_SECRET: secret } });
    ui = scriptUi().message(undefined);
    const r = await runOurs<RotateKeyResult>('twilioCredentials.rotateKey', { accountSid: em.accountSid, keySid, confirm: true });
    assert.strictEqual(r.oldKeyDeleted, false);
    assert.match(detailOf(ui, /Delete the old key/), /Updated \.env files: none\.[^]*Twilio Functions variables updated: notify \/ production: TWILIO_API_KEY, notify \/ production: TWILIO_API_SECRET\./);
  });

  it('Rotate API Key stops before deleting the old key when a variable cannot be updated, saying where things stand', async () => {
    const { t, em, keySid, secret } = await withStoredKey('stuck');
    const { env } = seedService(em, 'notify', { production: { TWILIO_API_KEY: keySid, TWILIO_API_SECRET: secret } });
    em.faults.add({ kind: 'status', status: 500, times: 1, method: 'POST', path: '/v1/Services/*/Environments/*/Variables/*' });
    ui = scriptUi();
    const r = await rotateKey(em, keySid);
    assert.strictEqual(r.stoppedAt, 'functions');
    assert.ok(em.state.keys.has(keySid), 'the old key is still on Twilio');
    assert.ok(!em.requests.some((q) => q.method === 'DELETE'), 'nothing was deleted');
    assert.ok(r.newKeySid && em.state.keys.has(r.newKeySid), 'the new key is kept');
    assert.strictEqual(await t.accounts.getKeySecret(em.accountSid, r.newKeySid), em.state.keys.get(r.newKeySid)!.secret, 'and its secret stored');
    assert.strictEqual(valueOf(em, env('production').sid, 'TWILIO_API_KEY'), keySid, 'the variable still holds the old key, which still works');
    assert.deepStrictEqual(r.functionsVariablesNotUpdated, ['notify / production: TWILIO_API_KEY', 'notify / production: TWILIO_API_SECRET']);
    assert.match(String(r.state), /Updating notify \/ production: TWILIO_API_KEY failed/);
    assert.match(String(r.state), /NOT updated: notify \/ production: TWILIO_API_KEY, notify \/ production: TWILIO_API_SECRET/);
    assert.match(String(r.state), new RegExp(`The old key ${keySid} was NOT deleted and still works`));
    assert.ok(modalOf(ui, /Rotation of "stuck" stopped/), 'the stop is reported in a modal');
  });

  it('Delete API Key names the Functions variables still holding the key', async () => {
    const { em, keySid, secret } = await withStoredKey('still deployed');
    seedService(em, 'notify', { production: { TWILIO_API_KEY: keySid }, staging: { ONLY_SECRET: secret } });
    ui = scriptUi().message(undefined);
    const deleted = await runOurs('twilioCredentials.deleteKey', { accountSid: em.accountSid, keySid });
    assert.strictEqual(deleted, false);
    assert.match(
      detailOf(ui, /Delete the API key/),
      /Twilio Functions variables still holding this key \(their Functions stop working\): notify \/ production: TWILIO_API_KEY, notify \/ staging: ONLY_SECRET\./,
    );
    assert.ok(em.state.keys.has(keySid));
  });

  /** Rotates the Auth Token with promotion confirmed by argument. */
  async function rotateToken(em: Emulator): Promise<RotateAuthTokenResult> {
    const watch = watchModalsUnderProgress();
    try {
      return await runOurs<RotateAuthTokenResult>('twilioCredentials.rotateAuthToken', { accountSid: em.accountSid, confirm: true, confirmPromote: true });
    } finally {
      watch.restore();
      assert.deepStrictEqual(watch.modalsUnderProgress, []);
    }
  }

  it('Rotate Auth Token gives the variables holding the old token the new one before promoting it', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const old = em.authToken;
    const { env } = seedService(em, 'notify', { production: { AUTH_TOKEN: old, OTHER: 'x' } });
    log = captureLog(t);
    ui = scriptUi();
    const r = await rotateToken(em);
    assert.strictEqual(r.stoppedAt, undefined, r.state);
    assert.strictEqual(r.promoted, true);
    const fresh = em.state.accounts.get(em.accountSid)!.authToken;
    assert.notStrictEqual(fresh, old);
    assert.strictEqual(valueOf(em, env('production').sid, 'AUTH_TOKEN'), fresh);
    assert.deepStrictEqual(r.functionsVariablesUpdated, ['notify / production: AUTH_TOKEN']);
    const update = em.requests.findIndex((q) => q.method === 'POST' && /\/Variables\/ZV/.test(q.path));
    const promotion = em.requests.findIndex((q) => q.path === '/v1/AuthTokens/Promote');
    assert.ok(update >= 0 && promotion > update, 'the variable is updated before the promotion');
    const said = JSON.stringify(r) + JSON.stringify(ui.prompts) + log.lines.join('\n');
    for (const token of [old, fresh]) assert.ok(!said.includes(token), 'a token appears in a message, the result or the log');
  });

  it('Rotate Auth Token stops before promotion when a variable cannot be updated: the old token still works', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const old = em.authToken;
    const { env } = seedService(em, 'notify', { production: { AUTH_TOKEN: old } });
    em.faults.add({ kind: 'status', status: 500, times: 1, method: 'POST', path: '/v1/Services/*/Environments/*/Variables/*' });
    ui = scriptUi();
    const r = await rotateToken(em);
    assert.strictEqual(r.stoppedAt, 'functions');
    assert.strictEqual(r.promoted, false);
    assert.ok(!em.requests.some((q) => q.path === '/v1/AuthTokens/Promote'), 'nothing was promoted');
    assert.strictEqual(em.state.accounts.get(em.accountSid)!.authToken, old, 'the old token is still the primary');
    assert.strictEqual(valueOf(em, env('production').sid, 'AUTH_TOKEN'), old);
    assert.ok(await t.accounts.getSecondaryAuthToken(em.accountSid), 'the secondary is kept for the next run');
    assert.match(String(r.state), /NOT updated: notify \/ production: AUTH_TOKEN\. .*Nothing was promoted: the old token still works/);
    // Cleanup for the next suites: drop the secondary left waiting.
    await t.accounts.forgetSecondaryAuthToken(em.accountSid);
  });
});
