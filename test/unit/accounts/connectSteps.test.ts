// The steps of Connect Account on every path: which are asked and the counts they show.
import * as assert from 'node:assert/strict';
import { CONNECT_STEPS, ConnectState, connectState } from '../../../src/features/accounts/connectSteps';
import type { ConnectArgs } from '../../../src/features/accounts/connectAccount';
import { walkSteps } from '../../../src/core/util/steps';

/** Walks the connect steps, answering the method step (if asked) with `method`; returns "name n/total". */
async function path(args: ConnectArgs, method?: ConnectState['method']): Promise<string[]> {
  const state = connectState(args);
  const trace: string[] = [];
  await walkSteps(CONNECT_STEPS, state, async (step, at) => {
    trace.push(`${step.name} ${at.step}/${at.total}`);
    if (step.name === 'method') state.method = method;
    return 'next';
  });
  return trace;
}

describe('Connect Account steps', () => {
  it('Auth Token: five steps, counted 1/5 to 5/5', async () => {
    assert.deepEqual(await path({}, 'authToken'), ['label 1/5', 'accountSid 2/5', 'method 3/5', 'authToken 4/5', 'region 5/5']);
  });

  it('Main API key: six steps, each counted once (no "4/5" twice)', async () => {
    assert.deepEqual(await path({}, 'apiKey'), ['label 1/5', 'accountSid 2/5', 'method 3/5', 'apiKeySid 4/6', 'apiKeySecret 5/6', 'region 6/6']);
  });

  it('Update Credentials (label, SID and region given): only the credential steps', async () => {
    const args = { label: 'Prod', accountSid: 'AC' + '0'.repeat(32), region: 'us1' };
    assert.deepEqual(await path(args, 'authToken'), ['method 1/2', 'authToken 2/2']);
    assert.deepEqual(await path(args, 'apiKey'), ['method 1/2', 'apiKeySid 2/3', 'apiKeySecret 3/3']);
  });

  it('credentials by argument ask nothing, region included; an empty label counts as given', async () => {
    assert.deepEqual(await path({ label: '', accountSid: 'AC' + '0'.repeat(32), authToken: 'x' }), []);
    assert.deepEqual(await path({ label: 'L', accountSid: 'AC' + '0'.repeat(32), apiKeySid: 'SK' + '0'.repeat(32), apiKeySecret: 'y' }), []);
  });

  it('a key SID alone decides the method and asks only for the secret and region', async () => {
    assert.deepEqual(await path({ label: 'L', accountSid: 'AC' + '0'.repeat(32), apiKeySid: 'SK' + '0'.repeat(32) }), ['apiKeySecret 1/2', 'region 2/2']);
  });
});
