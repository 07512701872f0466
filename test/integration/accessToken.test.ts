import * as assert from 'assert';
import * as vscode from 'vscode';
import { cleanSlate, connectEmulator, runOurs, storedKeySecret, fp } from './helpers';
import { scriptUi, ScriptedUi, BACK } from './ui';

function decode(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = jwt.split('.');
  const json = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  return { header: json(h), payload: json(p) };
}

describe('Access Tokens for client-side SDKs', () => {
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('builds a token with the chosen grants from a key whose secret is stored, and copies it', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const { keySid } = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid, friendlyName: 'token signer', type: 'standard', then: 'done',
    });
    ui = scriptUi().input('alice').pick('1 hour', ['Video']).input('standup');
    const result = await runOurs<{ keySid: string; output: string }>('twilioCredentials.createAccessToken', {
      accountSid: em.accountSid,
      keySid,
      output: 'copy',
    });
    assert.strictEqual(result.keySid, keySid);
    assert.ok(!JSON.stringify(result).includes('eyJ'), 'the command result does not carry the token');
    const token = await vscode.env.clipboard.readText();
    const { header, payload } = decode(token);
    assert.strictEqual(header.cty, 'twilio-fpa;v=1');
    assert.strictEqual(payload.iss, keySid);
    assert.strictEqual(payload.sub, em.accountSid);
    assert.strictEqual((payload.exp as number) - (payload.iat as number) <= 3600, true);
    const grants = payload.grants as { identity: string; video: { room: string } };
    assert.strictEqual(grants.identity, 'alice');
    assert.deepStrictEqual(grants.video, { room: 'standup' });
  });

  it('goes Back from a grant\'s details to the grants and counts the steps of the grants chosen', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const { keySid } = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid, friendlyName: 'token signer', type: 'standard', then: 'done',
    });
    const service = `IS${'0'.repeat(31)}7`;
    // identity → lifetime → grants: Video → room (Back) → grants: Sync → service SID
    ui = scriptUi().input('alice', BACK, service).pick('1 hour', ['Video'], ['Sync']);
    await runOurs('twilioCredentials.createAccessToken', { accountSid: em.accountSid, keySid, output: 'copy' });
    assert.deepStrictEqual(
      ui.prompts.filter((p) => p.kind !== 'info').map((p) => `${String((p.options as { title?: string }).title)}${p.back ? ' <' : ''}`),
      [
        'Create Access Token (1/3)',
        'Create Access Token (2/3) <',
        'Create Access Token (3/3) <',
        'Create Access Token (4/4): Video <',
        'Create Access Token (3/4) <',
        'Create Access Token (4/4): Sync <',
      ],
    );
    const grants = decode(await vscode.env.clipboard.readText()).payload.grants as Record<string, unknown>;
    assert.strictEqual(grants.identity, 'alice');
    assert.deepStrictEqual(grants.data_sync, { service_sid: service });
    assert.strictEqual(grants.video, undefined, 'the grant left by Back is not in the token');
  });

  it('explains that a restricted key cannot mint tokens instead of failing', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const { keySid } = await runOurs<{ keySid: string }>('twilioCredentials.createKey', {
      confirm: true,
      accountSid: em.accountSid, friendlyName: 'restricted signer', type: 'restricted', permissions: ['/twilio/messaging/messages/create'], then: 'done',
    });
    await t.keys(em.accountSid);
    ui = scriptUi();
    const result = await runOurs('twilioCredentials.createAccessToken', { accountSid: em.accountSid, keySid, identity: 'bob', ttlSeconds: 600, grants: { video: {} } });
    assert.strictEqual(result, undefined);
    const warning = ui.prompts.find((p) => p.kind === 'warning');
    assert.match(String(warning?.text), /does not allow restricted keys to sign Access Tokens/);
    assert.ok(!ui.prompts.some((p) => p.kind === 'error'));
  });

  it('with no key that can sign here, offers to mint a Standard key and signs with it', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    ui = scriptUi().message('Create Standard Key').input('dave').pick('1 hour', ['Video']).input('');
    const result = await runOurs<{ keySid: string }>('twilioCredentials.createAccessToken', { accountSid: em.accountSid, output: 'copy' });
    assert.ok((ui.prompts.find((p) => p.items?.includes('Create Standard Key'))?.options as { modal?: boolean } | undefined)?.modal, 'creating the key is asked in a modal');
    const key = em.state.keys.get(result.keySid);
    assert.ok(key, 'a key was created on Twilio');
    assert.strictEqual(key.type, 'standard');
    assert.strictEqual(await storedKeySecret(t, em.accountSid, result.keySid), fp(key.secret), 'its secret is stored like any key created here');
    const { payload } = decode(await vscode.env.clipboard.readText());
    assert.strictEqual(payload.iss, result.keySid, 'the token is signed by the new key');
    assert.strictEqual((payload.grants as { identity: string }).identity, 'dave');
  });

  it('refuses a key whose secret is not stored here', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    ui = scriptUi();
    const result = await runOurs('twilioCredentials.createAccessToken', {
      accountSid: em.accountSid, keySid: em.standardKey.sid, identity: 'carol', ttlSeconds: 600, grants: { video: {} },
    });
    assert.strictEqual(result, undefined);
    assert.ok(ui.prompts.some((p) => p.kind === 'warning' && /not stored in this editor/.test(p.text)));
  });
});
