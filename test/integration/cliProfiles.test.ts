import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanSlate, connectEmulator, runOurs, storedKeySecret, fp } from './helpers';
import { scriptUi, ScriptedUi } from './ui';

function configFile(content: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cli-'));
  const file = path.join(dir, 'config.json');
  if (content !== undefined) fs.writeFileSync(file, content);
  return file;
}

describe('Import twilio-cli profiles', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('says clearly when the file is missing', async () => {
    await cleanSlate();
    ui = scriptUi();
    const r = await runOurs('twilioCredentials.importCliProfiles', { configPath: configFile(undefined) });
    assert.strictEqual(r, undefined);
    assert.ok(ui.prompts.some((p) => p.kind === 'warning' && /twilio login/.test(p.text)));
  });

  it('says an empty file lists no profiles', async () => {
    await cleanSlate();
    ui = scriptUi();
    const r = await runOurs('twilioCredentials.importCliProfiles', { configPath: configFile('') });
    assert.deepStrictEqual(r, []);
    assert.ok(ui.prompts.some((p) => p.kind === 'info' && /no profiles/.test(p.text)));
  });

  it('says clearly when the file is malformed, without echoing it', async () => {
    await cleanSlate();
    for (const content of ['{"profiles": {"x": {"accountSid": ', '[1,2,3]']) {
      ui = scriptUi();
      const r = await runOurs('twilioCredentials.importCliProfiles', { configPath: configFile(content) });
      assert.strictEqual(r, undefined, `content ${JSON.stringify(content)}`);
      assert.ok(ui.prompts.some((p) => p.kind === 'error'), `an error for ${JSON.stringify(content)}`);
      ui.restore();
    }
  });

  it('imports the chosen of several profiles, storing key secrets and never changing the file', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const other = em.state.addKey(em.accountSid, { friendlyName: 'twilio-cli for dev on laptop' });
    const content = JSON.stringify({
      profiles: {
        main: { accountSid: em.accountSid, apiKey: em.mainKey.sid, apiSecret: em.mainKey.secret, region: 'us1' },
        dev: { accountSid: em.accountSid, apiKey: other.sid, apiSecret: other.secret },
        broken: { accountSid: 'not-a-sid' },
      },
      activeProject: 'dev',
    });
    const file = configFile(content);
    ui = scriptUi();
    const results = await runOurs<Array<{ id: string; outcome: string; reason?: string }>>('twilioCredentials.importCliProfiles', {
      configPath: file,
      profiles: ['dev', 'broken'],
    });
    assert.deepStrictEqual(results.map((r) => [r.id, r.outcome]), [['dev', 'keyStored'], ['broken', 'skipped']], `reasons: ${results.map((r) => r.reason).join(' | ')}`);
    assert.strictEqual(await storedKeySecret(t, em.accountSid, other.sid), fp(other.secret));
    assert.strictEqual(fs.readFileSync(file, 'utf8'), content, 'the CLI file is unchanged');
  });

  it('connects an account from a profile holding a Main key', async () => {
    const { t, em } = await cleanSlate();
    const file = configFile(JSON.stringify({ profiles: { prod: { accountSid: em.accountSid, apiKey: em.mainKey.sid, apiSecret: em.mainKey.secret } } }));
    ui = scriptUi();
    const results = await runOurs<Array<{ id: string; outcome: string }>>('twilioCredentials.importCliProfiles', { configPath: file, profiles: ['prod'] });
    assert.strictEqual(results[0].outcome, 'connected');
    assert.strictEqual((await t.account(em.accountSid))?.auth, 'apiKey');
  });
});
