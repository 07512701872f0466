// The .env writer tells the index what it wrote: when a write through EnvWriter resolves, the
// index already holds what the file now says, with no wait for a file watcher. (Before, seven
// callers refreshed the index by hand after a write, three without awaiting it.)
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { legacySlate, connectEmulator, runOurs, workspaceRoot } from './helpers';
import { scriptUi, ScriptedUi } from './ui';

type Testing = Awaited<ReturnType<typeof legacySlate>>['t'];

const DIR = 'writer-index';
const rel = (name: string) => `${DIR}/${name}`;
/** What the index says `label` assigns, right now. */
const assigned = (t: Testing, label: string) => Object.fromEntries((t.envIndex.all().find((f) => f.label === label)?.assignments ?? []).map((a) => [a.name, a.value]));

describe('EnvWriter keeps the .env index current', function () {
  this.timeout(60_000);
  let ui: ScriptedUi | undefined;
  let t: Testing;
  before(async () => {
    ({ t } = await legacySlate());
    fs.mkdirSync(path.join(workspaceRoot(), DIR), { recursive: true });
    await t.envIndex.whenReady();
  });
  afterEach(() => ui?.restore());
  after(() => fs.rmSync(path.join(workspaceRoot(), DIR), { recursive: true, force: true }));

  it('write: a new file, a changed value and a removed variable are in the index when the write resolves', async () => {
    const uri = vscode.Uri.file(path.join(workspaceRoot(), DIR, '.env'));
    assert.ok((await t.envWriter.write(uri, [{ name: 'GATE_PORT', value: '3000' }])).ok);
    assert.deepStrictEqual(assigned(t, rel('.env')), { GATE_PORT: '3000' });
    assert.ok((await t.envWriter.write(uri, [{ name: 'GATE_PORT', value: '3001' }, { name: 'GATE_HOST', value: 'localhost' }])).ok);
    assert.deepStrictEqual(assigned(t, rel('.env')), { GATE_PORT: '3001', GATE_HOST: 'localhost' });
    assert.ok((await t.envWriter.write(uri, [{ remove: 'GATE_HOST' }])).ok);
    assert.deepStrictEqual(assigned(t, rel('.env')), { GATE_PORT: '3001' });
  });

  it('pickAndWrite: the file picked is in the index when the write resolves', async () => {
    ui = scriptUi().pick((items) => items.find((i) => i.label.includes(rel('.env'))));
    const outcome = await t.envWriter.pickAndWrite([{ name: 'GATE_PICKED', value: 'yes' }]);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.strictEqual(assigned(t, rel('.env')).GATE_PICKED, 'yes');
  });

  it('addToExample: the names added to .env.example are in the index when it resolves', async () => {
    const example = path.join(workspaceRoot(), DIR, '.env.example');
    fs.writeFileSync(example, '# copy to .env\n');
    await t.envIndex.refresh(vscode.Uri.file(example));
    await t.envWriter.addToExample(vscode.Uri.file(path.join(workspaceRoot(), DIR, '.env')), ['GATE_EXAMPLE']);
    assert.deepStrictEqual(assigned(t, rel('.env.example')), { GATE_EXAMPLE: '' });
  });

  it('a command that writes a key to .env: the index names the key as soon as the command returns', async () => {
    const { em, t: fresh } = await legacySlate();
    await connectEmulator(em);
    ui = scriptUi();
    const envFile = path.join(workspaceRoot(), DIR, '.env');
    // As the extension's own UI calls it: the .env target and the creation are consented to.
    const created = await runOurs<{ keySid: string; envFile?: string }>('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'index at once', type: 'standard', envFile });
    assert.strictEqual(created.envFile, envFile);
    assert.deepStrictEqual(fresh.envIndex.filesReferencing(created.keySid), [rel('.env')]);
  });
});
