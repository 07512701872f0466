import * as assert from 'assert';
import * as vscode from 'vscode';
import { accountRows, cleanSlate, connectEmulator, runOurs, type TestDriver } from './helpers';
import { scriptUi, ScriptedUi } from './ui';

/** The account's rows after its key list is loaded afresh (as Refresh does). */
async function treeKeys(t: TestDriver, accountSid: string) {
  await t.keys(accountSid, true);
  return accountRows(t, accountSid);
}

describe('Faults survived (emulator fault injection, in real VS Code)', () => {
  let ui: ScriptedUi | undefined;
  afterEach(async () => {
    ui?.restore();
    await vscode.workspace.getConfiguration('twilioCredentials').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('added latency: the keys still load', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    em.faults.latency(400);
    const nodes = await treeKeys(t, em.accountSid);
    assert.ok(nodes.some((n) => n.kind === 'key'));
  });

  for (const status of [500, 503]) {
    it(`a burst of ${status}s on listing is retried and the keys load`, async () => {
      const { t, em } = await cleanSlate();
      await connectEmulator(em);
      em.faults.failNext(2, status, { method: 'GET' });
      const nodes = await treeKeys(t, em.accountSid);
      assert.ok(nodes.some((n) => n.kind === 'key'));
      assert.ok(em.requests.filter((r) => r.status === status).length === 2);
    });
  }

  it('429 with Retry-After is honoured, then the keys load', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    em.faults.rateLimit(1, 1, { method: 'GET' });
    const nodes = await treeKeys(t, em.accountSid);
    assert.ok(nodes.some((n) => n.kind === 'key'));
    assert.ok(em.requests.some((r) => r.status === 429));
  });

  it('a reset connection on a create is not retried and is reported clearly', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const before = em.state.keysOf(em.accountSid).length;
    em.faults.resetNext(1, { method: 'POST' });
    ui = scriptUi();
    await runOurs('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'reset', type: 'standard', then: 'done' });
    assert.strictEqual(em.state.keysOf(em.accountSid).length, before, 'no key was made (reset before apply) and none was retried');
    const error = ui.prompts.find((p) => p.kind === 'error');
    assert.ok(error, 'an error is shown');
    assert.match(error.text, /connection|network|reach/i);
  });

  it('a request that never answers times out with a clear message, nothing hangs', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    await vscode.workspace.getConfiguration('twilioCredentials').update('requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    em.faults.hangNext(5, { method: 'POST' });
    ui = scriptUi();
    const started = Date.now();
    await runOurs('twilioCredentials.renameKey', { accountSid: em.accountSid, keySid: em.standardKey.sid, friendlyName: 'never answered' });
    const error = ui.prompts.find((p) => p.kind === 'error');
    assert.ok(error, 'an error is shown');
    assert.match(error.text, /time|respond|answer/i);
    assert.ok(Date.now() - started < 15_000, 'the command ended');
  });

  it('"commit then drop": a key created without an answer is found, explained and deleted on request', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    em.faults.commitThenDrop(1, { method: 'POST' });
    ui = scriptUi().message('Delete It');
    const result = await runOurs('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'lost in transit', type: 'standard', then: 'done' });
    assert.strictEqual(result, undefined);
    const modal = ui.prompts.find((p) => (p.options as { modal?: boolean })?.modal);
    assert.match(String(modal?.text), /answer carrying its secret was lost/);
    assert.match(String((modal?.options as { detail?: string }).detail), /can never be used/);
    assert.ok(![...em.state.keys.values()].some((k) => k.friendlyName === 'lost in transit'), 'the orphan was deleted');
    assert.ok(!(await t.keys(em.accountSid)).items.some((k) => k.friendlyName === 'lost in transit'));
  });

  it('HTML error pages and malformed answers give a clear error, not a crash', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    em.faults.add({ kind: 'status', status: 502, times: 10, method: 'GET', body: '<html><body>Bad gateway</body></html>' });
    const nodes = await treeKeys(t, em.accountSid);
    assert.strictEqual(nodes[0].kind, 'message');
    const item = nodes[0];
    assert.ok(item.label.length > 10 && !/html/i.test(item.label), `message: ${item.label}`);
    em.faults.clear();
    assert.ok((await treeKeys(t, em.accountSid)).some((n) => n.kind === 'key'), 'recovers');
  });
});
