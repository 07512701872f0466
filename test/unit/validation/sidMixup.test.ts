// The swapped-SID rule's one home (src/core/validation/sidMixup.ts), which the .env and the code
// mix-up diagnostics both call: which names ask for which SID, and which values are the other kind.
import * as assert from 'node:assert/strict';
import { sidMixup, sidMixupMessage, sidSlotOfName } from '../../../src/core/validation/sidMixup';
import { codeMixups, envMixups } from '../../../src/features/mixups/rules';
import { Values } from '../detection/helpers';

const v = new Values(1919);

describe('the swapped-SID rule', () => {
  it('reads what a name asks for from its ending, whatever the case and separators', () => {
    for (const name of ['TWILIO_ACCOUNT_SID', 'accountSid', 'account-sid', 'PROD_TWILIO_ACCOUNTSID', 'twilio.accountSid']) assert.equal(sidSlotOfName(name), 'accountSid', name);
    for (const name of ['TWILIO_API_KEY', 'apiKey', 'api_key_sid', 'KEY_SID', 'twilioApiKeySid']) assert.equal(sidSlotOfName(name), 'apiKey', name);
    for (const name of ['TWILIO_API_SECRET', 'TWILIO_AUTH_TOKEN', 'accountSidList', 'keySecret', 'sid', '']) assert.equal(sidSlotOfName(name), undefined, name);
  });

  it('a key SID where an Account SID belongs, and the reverse; a SID of the right kind, or no SID, is not a mix-up', () => {
    const ac = v.accountSid();
    const sk = v.keySid();
    assert.equal(sidMixup('accountSid', sk), 'twilio-key-sid-as-account-sid');
    assert.equal(sidMixup('apiKey', ac), 'twilio-account-sid-as-key-sid');
    assert.equal(sidMixup('accountSid', ac), undefined);
    assert.equal(sidMixup('apiKey', sk), undefined);
    assert.equal(sidMixup('accountSid', `${sk}0`), undefined, 'not a whole SID');
    assert.equal(sidMixup('accountSid', sk.toLowerCase()), undefined, 'sk… is not a key SID');
    assert.equal(sidMixup('apiKey', ''), undefined);
  });

  it('says which variable holds what, and what Twilio answers', () => {
    assert.match(sidMixupMessage('twilio-key-sid-as-account-sid', 'MY_ACCOUNT_SID'), /^MY_ACCOUNT_SID holds an API key SID \(SK…\), not an Account SID \(AC…\).*20003/);
    assert.match(sidMixupMessage('twilio-account-sid-as-key-sid', 'apiKey'), /^apiKey holds an Account SID \(AC…\), not an API key SID \(SK…\).*20003/);
  });

  it('the .env and the code diagnostics give the same codes and messages for the same names and values', () => {
    const ac = v.accountSid();
    const sk = v.keySid();
    const env = envMixups(`TWILIO_ACCOUNT_SID=${sk}\nTWILIO_API_KEY=${ac}\n`);
    const code = codeMixups(`TWILIO_ACCOUNT_SID = "${sk}"\nTWILIO_API_KEY = "${ac}"\n`);
    const shape = (ms: typeof env) => ms.map((m) => [m.code, m.message, !!m.fix]);
    assert.deepEqual(shape(code), shape(env));
    assert.equal(env.length, 2);
  });
});
