// The pure modules' messages (input validation, Twilio errors, .env errors, findings, twilio-cli
// profiles) reach users too: they are translated through @vscode/l10n with the bundle the
// extension hands over at activation. Here a pseudo-translation of the committed bundle stands in
// for a language pack: every message must come out translated, with its arguments filled in.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import { scanText } from '../../../src/core/detection';
import { findPermission, validatePermissions } from '../../../src/features/keys/permissions';
import { applyEdits, parseDotenv } from '../../../src/workspace/dotenv';
import { parseCliConfig } from '../../../src/features/profiles';
import { TwilioApiError } from '../../../src/core/twilio/errors';
import { findRegion, validateAccountSid, validateApiKeySecret, validateAuthToken, validateEnvVarName, validateFriendlyName, validateRegion } from '../../../src/core/validation';
import { Values } from '../detection/helpers';

const root = path.resolve(__dirname, '..', '..', '..', '..');

describe('Localization of the pure modules', () => {
  before(() => {
    const committed = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const pseudo = Object.fromEntries(Object.keys(committed).map((k) => [k, `«${k}»`]));
    l10n.config({ contents: pseudo });
  });
  // The package is shared by every suite in this process: back to English for the others.
  after(() => l10n.config({ contents: {} }));

  const translated = (s: string | undefined) => assert.match(s ?? '', /^«.+»$/s, `translated: ${s}`);

  it('input validation speaks the user\'s language, arguments filled in', () => {
    translated(validateAccountSid(''));
    translated(validateAccountSid('AC123'));
    assert.match(validateAccountSid('AC123') ?? '', /this one has 3 after AC/);
    translated(validateAuthToken('abc'));
    translated(validateApiKeySecret(''));
    translated(validateFriendlyName(''));
    translated(validateEnvVarName('1A'));
    translated(validateRegion('mars1'));
    assert.equal(findRegion('ie1')?.label, '«Ireland, Dublin»');
  });

  it('Twilio errors are whole translated sentences, with the translated code suffix inside', () => {
    const m = new TwilioApiError('authentication', undefined, { code: 20003 }).message;
    assert.match(m, /^«Twilio did not accept these credentials« \(Twilio error 20003\)»\. /);
    assert.match(new TwilioApiError('timeout', undefined, { timeoutMs: 2000 }).message, /^«Twilio did not answer within 2 seconds\. «Check your connection, then try again\.»»$/);
  });

  it('the permission catalogue of restricted keys and its checks are translated', () => {
    const send = findPermission('/twilio/messaging/messages/create');
    translated(send?.label);
    translated(send?.product);
    assert.equal(findPermission('/twilio/voice/calls/list')?.label, '«List {0}»'.replace('{0}', '«calls»'));
    translated(validatePermissions([]));
    translated(validatePermissions(['/twilio/voice/calls/list', '/twilio/voice/calls/list']));
  });

  it('.env errors, findings and twilio-cli profile problems are translated', () => {
    const doc = parseDotenv('A="unterminated\n');
    assert.ok(!doc.ok);
    translated(doc.error.message);
    const edit = applyEdits('', [{ name: 'A', value: 5 as unknown as string }]);
    assert.ok(!edit.ok);
    translated(edit.error.message);
    const token = new Values(4242).token();
    const [finding] = scanText(`const authToken = '${token}';`, { path: 'src/a.js' });
    translated(finding.message);
    assert.ok(!finding.message.includes(token));
    const cli = parseCliConfig('{');
    assert.ok(!cli.ok);
    translated(cli.message);
  });
});
