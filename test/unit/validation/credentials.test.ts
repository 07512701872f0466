// What a user sees when pasting credentials into the connect/create prompts.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  diagnoseAccountSid,
  diagnoseApiKeySid,
  diagnoseAuthToken,
  normalizeAuthToken,
  normalizeSid,
  validateAccountSid,
  validateApiKeySecret,
  validateApiKeySid,
  validateAuthToken,
  validateFriendlyName,
} from '../../../src/core/validation';

// Credential-shaped test data is generated at run time, never written down.
const hex = (n: number) => randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);
const sid = (prefix: string) => prefix + hex(32);
const alnum32 = () => {
  // at least one letter beyond a-f so it cannot pass for hexadecimal
  const s = randomBytes(48).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 31);
  return ('Z' + s).padEnd(32, 'q');
};

/** Every message must leave the pasted value out. */
function message(validate: (v: string) => string | undefined, value: string): string {
  const m = validate(value);
  assert.ok(m, `expected a message for a ${value.length}-character value`);
  if (value.length >= 8) assert.ok(!m.includes(value.slice(2)), 'message repeats the value');
  return m;
}

describe('validateAccountSid', () => {
  it('accepts AC followed by 32 lowercase hex', () => {
    assert.equal(validateAccountSid(sid('AC')), undefined);
    assert.equal(diagnoseAccountSid(sid('AC')), undefined);
  });

  it('asks for a value when empty', () => {
    assert.equal(validateAccountSid(''), 'Enter the Account SID (it starts with AC).');
  });

  it('recognises an API key SID pasted in the wrong box', () => {
    assert.equal(message(validateAccountSid, sid('SK')), 'This is an API key SID (SK…); the Account SID starts with AC.');
  });

  it('names the prefix of another kind of SID', () => {
    assert.equal(message(validateAccountSid, sid('PN')), 'This is another kind of Twilio SID (PN…); the Account SID starts with AC.');
  });

  it('recognises an Auth Token or an API key secret pasted instead', () => {
    assert.match(message(validateAccountSid, hex(32).replace(/^ac/, 'ff')), /looks like an Auth Token/);
    assert.match(message(validateAccountSid, alnum32()), /looks like an API key secret/);
  });

  it('says how many characters follow AC when the length is wrong', () => {
    assert.equal(message(validateAccountSid, 'AC' + hex(31)), 'An Account SID is AC followed by 32 hexadecimal characters; this one has 31 after AC.');
    assert.match(message(validateAccountSid, 'AC' + hex(33)), /this one has 33 after AC/);
  });

  it('rejects characters that are not hexadecimal', () => {
    assert.equal(message(validateAccountSid, 'AC' + hex(31) + 'g'), 'An Account SID has only the characters 0-9 and a-f after AC.');
  });

  it('rejects blanks', () => {
    assert.match(message(validateAccountSid, ' ' + sid('AC')), /blanks/);
  });

  it('tells how an Account SID starts when the value is no whole SID of any kind', () => {
    const starts = 'An Account SID starts with AC, followed by 32 hexadecimal characters.';
    assert.equal(message(validateAccountSid, 'x' + sid('PN')), starts, 'a stray character before a SID');
    assert.equal(message(validateAccountSid, sid('PN') + 'x'), starts, 'a stray character after a SID');
    assert.equal(message(validateAccountSid, '12' + hex(32)), starts, '34 characters, but no letters in front');
    assert.equal(message(validateAccountSid, 'PN' + hex(10)), starts, 'a short value with another prefix');
    assert.equal(validateAccountSid('b1a2'), starts, 'a few hexadecimal characters are no Auth Token');
  });

  it('counts the characters after AC even when the whole value is 32 hexadecimal characters', () => {
    assert.equal(message(validateAccountSid, 'AC' + hex(30)), 'An Account SID is AC followed by 32 hexadecimal characters; this one has 30 after AC.');
  });

  it('accepts uppercase hex or a lowercase prefix with a warning, and normalizes it', () => {
    const lowercase = 'Twilio writes an Account SID as AC followed by lowercase hexadecimal; it will be saved that way.';
    const upper = 'AC' + hex(32).toUpperCase();
    assert.equal(validateAccountSid(upper), undefined);
    assert.deepEqual(diagnoseAccountSid(upper), { severity: 'warning', message: lowercase });
    const lowerPrefix = 'ac' + hex(32);
    assert.equal(validateAccountSid(lowerPrefix), undefined);
    assert.deepEqual(diagnoseAccountSid(lowerPrefix), { severity: 'warning', message: lowercase });
    assert.equal(normalizeSid(upper), 'AC' + upper.slice(2).toLowerCase());
    assert.equal(normalizeSid(lowerPrefix), 'AC' + lowerPrefix.slice(2));
  });
});

describe('validateApiKeySid', () => {
  it('accepts SK followed by 32 hex', () => {
    assert.equal(validateApiKeySid(sid('SK')), undefined);
  });

  it('recognises an Account SID pasted in the wrong box', () => {
    assert.equal(message(validateApiKeySid, sid('AC')), 'This is an Account SID (AC…); an API key SID starts with SK.');
  });

  it('reports length and characters', () => {
    assert.match(message(validateApiKeySid, 'SK' + hex(20)), /this one has 20 after SK/);
    assert.match(message(validateApiKeySid, 'SK' + hex(31) + 'z'), /0-9 and a-f/);
    assert.equal(validateApiKeySid(''), 'Enter the API key SID (it starts with SK).');
  });

  it('says what else was pasted, in the words of the API key SID box', () => {
    assert.equal(message(validateApiKeySid, sid('PN')), 'This is another kind of Twilio SID (PN…); the API key SID starts with SK.');
    assert.equal(message(validateApiKeySid, hex(32).replace(/^sk/, 'ff')), 'This looks like an Auth Token, not a SID: the API key SID starts with SK.');
    assert.equal(message(validateApiKeySid, alnum32()), 'This looks like an API key secret, not a SID: the API key SID starts with SK.');
    assert.equal(message(validateApiKeySid, 'x' + sid('SK')), 'An API key SID starts with SK, followed by 32 hexadecimal characters.');
    assert.equal(message(validateApiKeySid, sid('SK') + ' '), 'Remove the blanks: an API key SID has none.');
  });

  it('warns about uppercase hex', () => {
    assert.deepEqual(diagnoseApiKeySid('SK' + hex(32).toUpperCase()), {
      severity: 'warning',
      message: 'Twilio writes an API key SID as SK followed by lowercase hexadecimal; it will be saved that way.',
    });
  });
});

describe('validateAuthToken', () => {
  it('accepts 32 lowercase hex without a warning', () => {
    assert.equal(validateAuthToken(hex(32)), undefined);
    assert.equal(diagnoseAuthToken(hex(32)), undefined);
  });

  it('says what was pasted instead', () => {
    assert.match(message(validateAuthToken, sid('AC')), /This is the Account SID/);
    assert.match(message(validateAuthToken, sid('SK')), /API key SID/);
    assert.match(message(validateAuthToken, alnum32()), /looks like an API key secret/);
    assert.equal(message(validateAuthToken, sid('PN')), 'This is a Twilio SID, not an Auth Token.');
  });

  it('reports the length without the value', () => {
    assert.equal(message(validateAuthToken, hex(30)), 'An Auth Token is 32 characters long; this is 30.');
    assert.equal(message(validateAuthToken, '12' + hex(32)), 'An Auth Token is 32 characters long; this is 34.', 'two digits before 32 hex are no SID');
  });

  it('rejects non-hex characters and blanks', () => {
    assert.equal(message(validateAuthToken, hex(31) + '!'), 'An Auth Token has only the characters 0-9 and a-f.');
    assert.match(message(validateAuthToken, hex(16) + ' ' + hex(15)), /blanks/);
    assert.match(validateAuthToken('') ?? '', /Enter the Auth Token/);
  });

  it('accepts uppercase with a warning and normalizes to lowercase', () => {
    const t = hex(32).toUpperCase().replace(/^[0-9]/, 'A');
    assert.equal(validateAuthToken(t), undefined);
    assert.deepEqual(diagnoseAuthToken(t), { severity: 'warning', message: 'Twilio writes Auth Tokens in lowercase; it will be saved that way.' });
    assert.equal(normalizeAuthToken(t), t.toLowerCase());
  });
});

describe('validateApiKeySecret', () => {
  it('accepts 32 letters and digits', () => {
    assert.equal(validateApiKeySecret(alnum32()), undefined);
    assert.equal(validateApiKeySecret(hex(32)), undefined); // hex is letters and digits too
  });

  it('recognises the key SID pasted instead of the secret', () => {
    assert.equal(message(validateApiKeySecret, sid('SK')), "This is the key's SID; enter its secret, shown once when the key was created.");
  });

  it('recognises an Account SID or another SID pasted instead', () => {
    assert.equal(message(validateApiKeySecret, sid('AC')), 'This is a Twilio SID, not an API key secret.');
    assert.equal(message(validateApiKeySecret, sid('PN')), 'This is a Twilio SID, not an API key secret.');
  });

  it('rejects blanks', () => {
    assert.equal(message(validateApiKeySecret, alnum32().slice(0, 16) + ' ' + alnum32().slice(0, 16)), 'Remove the blanks: an API key secret has none.');
  });

  it('reports length and characters without echoing', () => {
    assert.equal(message(validateApiKeySecret, alnum32().slice(0, 20)), 'An API key secret is 32 letters and digits; this is 20 long.');
    assert.equal(message(validateApiKeySecret, alnum32().slice(0, 31) + '-'), 'An API key secret has only letters and digits.');
    assert.match(validateApiKeySecret('') ?? '', /shown only once/);
  });
});

describe('validateFriendlyName', () => {
  it('accepts a normal name, up to 64 characters', () => {
    assert.equal(validateFriendlyName('CI deploy key'), undefined);
    assert.equal(validateFriendlyName('x'.repeat(64)), undefined);
  });

  it('counts characters, not UTF-16 units', () => {
    assert.equal(validateFriendlyName('🔑'.repeat(64)), undefined);
  });

  it('rejects more than 64 characters', () => {
    assert.equal(validateFriendlyName('x'.repeat(65)), 'A name has at most 64 characters; this one has 65.');
  });

  it('rejects empty and whitespace-only names', () => {
    const enter = 'Enter a name, for example where the key is used.';
    assert.equal(validateFriendlyName(''), enter);
    assert.equal(validateFriendlyName('   '), enter);
    assert.equal(validateFriendlyName(' \t '), enter);
  });

  it('rejects line breaks and control characters', () => {
    assert.match(validateFriendlyName('a\nb') ?? '', /control characters/);
  });
});
