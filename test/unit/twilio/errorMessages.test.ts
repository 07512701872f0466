// Error messages are shown to users and written to logs: they must say what happened and what
// to do, and never carry a secret, whatever path produced them.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { inspect } from 'util';
import { TwilioApiError, TwilioErrorKind, sanitizeServerMessage, userMessage } from '../../../src/core/twilio/errors';
import { keyCreds, useEmulator } from './harness';

const KINDS: TwilioErrorKind[] = [
  'authentication',
  'standardKeyCannotManage',
  'permissionDenied',
  'keyLimit',
  'notFound',
  'invalidRequest',
  'rateLimited',
  'server',
  'offline',
  'timeout',
  'cancelled',
  'unexpectedResponse',
];

describe('Twilio API: error messages', () => {
  it('gives every kind its own message ending with advice or a plain statement', () => {
    const messages = KINDS.map((k) => userMessage(k));
    assert.strictEqual(new Set(messages).size, KINDS.length);
    for (const m of messages) assert.match(m, /\.$/);
  });

  it('removes token-shaped strings from Twilio’s own message but keeps SIDs', () => {
    const sid = `SK${randomBytes(16).toString('hex')}`;
    const echoed = randomBytes(16).toString('hex'); // shaped like an Auth Token
    const clean = sanitizeServerMessage(`Key ${sid} rejected secret ${echoed}`);
    assert.ok(clean.includes(sid));
    assert.ok(!clean.includes(echoed));
  });

  it('recognises errors from another copy of the class (the lazily loaded bundle)', () => {
    const foreign = new TwilioApiError('notFound');
    Object.setPrototypeOf(foreign, Error.prototype);
    assert.ok(foreign instanceof TwilioApiError);
    assert.strictEqual(TwilioApiError.from(foreign), foreign);
    assert.ok(!(new Error('x') instanceof TwilioApiError));
    assert.strictEqual(TwilioApiError.from(new Error('secret in here')).message.includes('secret'), false);
  });

  describe('from real failures', () => {
    const h = useEmulator();

    it('never includes the credentials used', async () => {
      const restricted = await h.api.createKey(h.token, { type: 'restricted', permissions: ['/twilio/messaging/messages/read'] });
      const wrongSecret = restricted.secret.split('').reverse().join('');
      const attempts: [() => Promise<unknown>, string[]][] = [
        [() => h.api.listKeys({ ...h.token, auth: { kind: 'authToken', authToken: h.emu.authToken.replace(/^./, 'x') } }), [h.emu.authToken]],
        [() => h.api.listKeys(h.standard), [h.emu.standardKey.secret]],
        [() => h.api.listKeys(keyCreds(h.emu, restricted.sid, restricted.secret)), [restricted.secret]],
        [() => h.api.listKeys(keyCreds(h.emu, restricted.sid, wrongSecret)), [wrongSecret, restricted.secret]],
      ];
      h.emu.faults.hangNext(1, { method: 'POST', path: '/v1/Keys' });
      attempts.push([() => h.api.createKey(h.main, { type: 'standard' }, { timeoutMs: 100 }), [h.emu.mainKey.secret]]);
      for (const [attempt, secrets] of attempts) {
        const e = await attempt().then(
          () => assert.fail('expected a failure'),
          (err: unknown) => err,
        );
        const text = [String(e), inspect(e, { depth: 5, showHidden: true }), JSON.stringify(e)].join('\n');
        for (const s of secrets) assert.ok(!text.includes(s), `a secret leaked into: ${text}`);
      }
    });
  });
});
