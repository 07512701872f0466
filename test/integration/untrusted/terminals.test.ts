import * as assert from 'assert';
import { legacySlate, connectEmulator, runOurs } from '../helpers';
import { scriptUi, ScriptedUi } from '../ui';

describe('Restricted Mode: no credentials for terminals, tasks or debug sessions', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('refuses "Use Key in Terminals" and leaves the collection empty', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    ui = scriptUi();
    const result = await runOurs('twilioCredentials.useInTerminals', { confirm: true, accountSid: em.accountSid });
    assert.strictEqual(result, undefined);
    assert.ok(ui.prompts.some((p) => p.kind === 'error' && /trusted workspace/.test(p.text)));
    assert.strictEqual(t.context.environmentVariableCollection.get('TWILIO_AUTH_TOKEN'), undefined);
  });

  it('a launch configuration that opts in is not launched', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    ui = scriptUi();
    const resolved = await t.terminals.debug.resolve(undefined, { type: 'node', request: 'launch', name: 'x', twilioCredentials: true });
    assert.strictEqual(resolved, undefined);
    assert.strictEqual(await runOurs('twilioCredentials.authToken'), undefined, 'command variables hand out nothing');
  });
});
