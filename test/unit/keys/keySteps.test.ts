// The steps of Create API Key and Create Access Token on every path, and the grants they make.
import * as assert from 'node:assert/strict';
import { CREATE_KEY_STEPS, createKeyState, ACCESS_TOKEN_STEPS, accessTokenState, grantsOf, CreateKeyState, AccessTokenState } from '../../../src/features/keys/commands/keySteps';
import { walkSteps, Step } from '../../../src/core/util/steps';

/** Walks `steps`, letting `answer` record each step's answer; returns "name n/total". */
async function trace<S>(steps: ReadonlyArray<Step<S>>, state: S, answer: (name: string, s: S) => void = () => undefined): Promise<string[]> {
  const out: string[] = [];
  await walkSteps(steps, state, async (step, at) => {
    out.push(`${step.name} ${at.step}/${at.total}`);
    answer(step.name, state);
    return 'next';
  });
  return out;
}

const keyType = (type: CreateKeyState['type']) => (name: string, s: CreateKeyState) => {
  if (name === 'type') s.type = type;
};

describe('Create API Key steps', () => {
  it('Standard: name and type; Restricted adds the permissions', async () => {
    assert.deepEqual(await trace(CREATE_KEY_STEPS, createKeyState({}), keyType('standard')), ['name 1/2', 'type 2/2']);
    assert.deepEqual(await trace(CREATE_KEY_STEPS, createKeyState({}), keyType('restricted')), ['name 1/2', 'type 2/2', 'permissions 3/3']);
  });

  it('arguments skip their steps: a type, permissions (restricted), a name', async () => {
    assert.deepEqual(await trace(CREATE_KEY_STEPS, createKeyState({ type: 'standard' })), ['name 1/1']);
    assert.deepEqual(await trace(CREATE_KEY_STEPS, createKeyState({ type: 'restricted' })), ['name 1/2', 'permissions 2/2']);
    assert.deepEqual(await trace(CREATE_KEY_STEPS, createKeyState({ permissions: ['/twilio/x'] })), ['name 1/1']);
    assert.equal(createKeyState({ permissions: ['/twilio/x'] }).type, 'restricted');
    assert.deepEqual(await trace(CREATE_KEY_STEPS, createKeyState({ friendlyName: 'n', type: 'standard' })), []);
  });
});

describe('Create Access Token steps', () => {
  const grants = (ids: AccessTokenState['grantIds']) => (name: string, s: AccessTokenState) => {
    if (name === 'grants') s.grantIds = ids;
  };

  it('three steps, then the details of each grant chosen, in order', async () => {
    assert.deepEqual(await trace(ACCESS_TOKEN_STEPS, accessTokenState({}), grants(['video'])), ['identity 1/3', 'ttl 2/3', 'grants 3/3', 'videoRoom 4/4']);
    assert.deepEqual(await trace(ACCESS_TOKEN_STEPS, accessTokenState({}), grants(['voice', 'sync'])), [
      'identity 1/3',
      'ttl 2/3',
      'grants 3/3',
      'voiceApplication 4/6',
      'voiceIncoming 5/6',
      'syncService 6/6',
    ]);
  });

  it('arguments skip their steps; grants given by argument ask no details', async () => {
    assert.deepEqual(await trace(ACCESS_TOKEN_STEPS, accessTokenState({ identity: 'a', ttlSeconds: 60, grants: { video: {} } })), []);
    assert.deepEqual(await trace(ACCESS_TOKEN_STEPS, accessTokenState({ identity: 'a' }), grants(['chat'])), ['ttl 1/2', 'grants 2/2', 'chatService 3/3']);
  });

  it('builds the grants from the answers, empty answers meaning none', () => {
    const sid = 'IS' + '0'.repeat(32);
    const s: AccessTokenState = { args: {}, grantIds: ['voice', 'video', 'chat', 'sync'], voiceApplicationSid: '', voiceIncoming: true, videoRoom: '', chatServiceSid: sid, syncServiceSid: sid };
    assert.deepEqual(grantsOf(s), {
      voice: { outgoingApplicationSid: undefined, incomingAllow: true },
      video: { room: undefined },
      chat: { serviceSid: sid },
      sync: { serviceSid: sid },
    });
    assert.deepEqual(Object.keys(grantsOf({ ...s, grantIds: ['sync'], videoRoom: 'left over' })), ['sync'], 'answers of grants no longer chosen are dropped');
    assert.deepEqual(grantsOf({ args: { grants: { video: { room: 'r' } } } }), { video: { room: 'r' } });
    assert.deepEqual(grantsOf({ args: {} }), {}, 'no grant chosen: the token grants nothing');
  });
});
