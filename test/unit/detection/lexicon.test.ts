// The lexicon reads names and labels as words, in several languages and scripts, and says what
// they name: Twilio's credential, a credential, nothing in particular, something else, or data.
import * as assert from 'assert';
import { readLabel, readName, twilioTermIn, words } from '../../../src/core/detection/lexicon';
import { fakeHex } from '../../support/fakeCredentials';

describe('lexicon: words', () => {
  it('splits camelCase, ACRONYMWords, snake_case, kebab, dots and spaces, lower-cased', () => {
    assert.deepStrictEqual(words('twilioAuthToken'), ['twilio', 'auth', 'token']);
    assert.deepStrictEqual(words('APIKeySecret'), ['api', 'key', 'secret']);
    assert.deepStrictEqual(words('TWILIO_AUTH_TOKEN'), ['twilio', 'auth', 'token']);
    assert.deepStrictEqual(words('twilio.api-key v2'), ['twilio', 'api', 'key', 'v2']);
  });

  it('keeps letters of any script together and apart from Latin separators', () => {
    assert.deepStrictEqual(words('Token de Twilio:'), ['token', 'de', 'twilio']);
    assert.deepStrictEqual(words('contraseña_twilio'), ['contraseña', 'twilio']);
    assert.deepStrictEqual(words('Twilio 令牌：'), ['twilio', '令牌']);
    assert.deepStrictEqual(words('токен-Twilio'), ['токен', 'twilio']);
  });
});

describe('lexicon: names', () => {
  const cls = (name: string, parents?: string[]) => readName(name, parents).cls;

  it('Twilio\'s own words for its credentials, and Twilio with a credential or key word, are Twilio\'s', () => {
    for (const name of ['authToken', 'auth_token', 'TWILIO_AUTH_TOKEN', 'apiSecret', 'twilio.api-key', 'TWILIO_KEY', 'twilio_passwort', 'twilioClave']) {
      assert.strictEqual(cls(name), 'twilio-credential', name);
    }
  });

  it('a credential word alone, in any language, is a credential', () => {
    for (const name of ['token', 'password', 'secret', 'pwd', 'pass2', 'token2', 'clave', 'contraseña', 'senha', 'Passwort', 'Kennwort', 'jeton', 'segreto', 'пароль', '密码', 'パスワード', 'my_prod_token']) {
      assert.strictEqual(cls(name), 'credential', name);
    }
  });

  it('hashes, checksums, ids and SIDs are data', () => {
    for (const name of ['md5', 'file_sha256', 'checksum', 'integrity', 'etag', 'commit', 'request_id', 'userId', 'account_sid', 'nonce', 'Prüfsumme', '哈希']) {
      assert.strictEqual(cls(name), 'counter', name);
    }
  });

  it('another service\'s names are that service\'s, also inside a compound', () => {
    for (const name of ['GITHUB_TOKEN', 'sendGridKey', 'SENDGRID_API_KEY', 'weatherToken', 'session_secret', 'db_password', 'stripeSecret']) {
      assert.strictEqual(cls(name), 'counter', name);
    }
  });

  it('a credential word qualified by an unknown word says something else', () => {
    for (const name of ['gateway_token', 'access_token', 'client_secret', 'app_secret', 'verify_token']) {
      assert.strictEqual(cls(name), 'other', name);
    }
  });

  it('names that say nothing: one or two letters, generic words, a bare key', () => {
    for (const name of ['b', 'x1', 'value', 'primary', 'backup', 'key', 'prod_key', 'KEY2', 'fallback_key', 'alt']) assert.strictEqual(cls(name), 'neutral', name);
  });

  it('api_key is some API\'s key; SECRET_KEY a web framework\'s signing key', () => {
    assert.deepStrictEqual(readName('api_key'), { cls: 'other', says: undefined, apiKey: true });
    assert.deepStrictEqual(readName('APIKEY'), { cls: 'other', says: undefined, apiKey: true });
    assert.deepStrictEqual(readName('SECRET_KEY'), { cls: 'other', says: 'secret', secretKey: true });
    assert.strictEqual(cls('TWILIO_SECRET_KEY'), 'twilio-credential');
  });

  it('a random-looking name (a map keyed by ids) is data-like, not a name', () => {
    // 32 hex characters made at run time (starting with a letter, as an identifier would).
    for (let i = 0; i < 20; i++) {
      const id = `a${fakeHex(31)}`;
      assert.strictEqual(cls(id), 'other', id);
    }
  });

  it('the enclosing block: Twilio makes a plain name Twilio\'s, a checksum block or another service\'s block makes it data', () => {
    assert.strictEqual(cls('key', ['twilio']), 'twilio-credential');
    assert.strictEqual(cls('token', ['production', 'twilio']), 'twilio-credential');
    assert.strictEqual(cls('primary', ['twilio']), 'twilio');
    assert.strictEqual(cls('token', ['checksums']), 'counter');
    assert.strictEqual(cls('token', ['github']), 'counter');
    assert.strictEqual(cls('token', ['Rails.env']), 'credential', 'a framework in a longer name is not a service');
  });

  it('says which credential: token for auth token names, secret for API secret names', () => {
    assert.strictEqual(readName('TWILIO_AUTH_TOKEN').says, 'token');
    assert.strictEqual(readName('twilioApiSecret').says, 'secret');
    assert.strictEqual(readName('api_key_secret').says, 'secret');
    assert.strictEqual(readName('password').says, undefined);
  });
});

describe('lexicon: labels', () => {
  it('reads Twilio and credential words in prose, ignoring the other words', () => {
    assert.deepStrictEqual(readLabel('# the twilio auth token for the staging account:'), { counter: false, twilio: true, credential: true, says: 'token' });
    assert.deepStrictEqual(readLabel('Token de Twilio:'), { counter: false, twilio: true, credential: true, says: undefined });
    assert.deepStrictEqual(readLabel('using account AC… with'), { counter: false, twilio: false, credential: false, says: undefined });
  });

  it('a hash word or another service anywhere in the label makes it data', () => {
    assert.strictEqual(readLabel('# sha256 of the twilio auth token:').counter, true);
    assert.strictEqual(readLabel('GitHub token:').counter, true);
    assert.strictEqual(readLabel('Prüfsumme Twilio:').counter, true);
  });

  it('ids in prose are words like others (a call before a value names variables)', () => {
    assert.strictEqual(readLabel('new Twilio(sid,').counter, false);
  });
});

describe('lexicon: Twilio\'s terms on a line', () => {
  it('finds auth token / api secret in a normalised line, and says which', () => {
    assert.strictEqual(twilioTermIn('addkeytwilioauthtokenvalue'), 'token');
    assert.strictEqual(twilioTermIn('twilioapisecretforthevideokey'), 'secret');
    assert.strictEqual(twilioTermIn('twiliopassword'), 'credential');
    assert.strictEqual(twilioTermIn('githubtoken'), undefined);
  });
});
