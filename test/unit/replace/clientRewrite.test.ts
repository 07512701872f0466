import * as assert from 'assert';
import { applyTextEdits, planKeyRewrites } from '../../../src/features/mixups/clientRewrite';
import type { LanguageId } from '../../../src/core/detection';
import { Values } from '../detection/helpers';

const names = { accountSid: 'TWILIO_ACCOUNT_SID', apiKey: 'TWILIO_API_KEY', apiSecret: 'TWILIO_API_SECRET' };
const v = new Values(1313);

function rewrite(text: string, language: LanguageId): string {
  const plans = planKeyRewrites(text, language, names);
  return applyTextEdits(text, plans.flatMap((p) => p.edits));
}

describe('Replace the Auth Token with an API key: client constructions', () => {
  describe('twilio-node', () => {
    it('twilio(sid, token) takes the key, the secret and { accountSid }', () => {
      const sid = v.accountSid();
      const token = v.token();
      assert.strictEqual(
        rewrite(`const client = require('twilio')('${sid}', '${token}');\n`, 'javascript'),
        `const client = require('twilio')(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { accountSid: '${sid}' });\n`,
      );
      assert.strictEqual(
        rewrite('const client = twilio(accountSid, authToken);', 'typescript'),
        'const client = twilio(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { accountSid: accountSid });',
      );
    });

    it('keeps the options it had, adding accountSid to them', () => {
      assert.strictEqual(
        rewrite("twilio(sid, token, { region: 'ie1', edge: 'dublin' })", 'javascript'),
        "twilio(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { accountSid: sid, region: 'ie1', edge: 'dublin' })",
      );
      assert.strictEqual(rewrite('twilio(sid, token, {})', 'javascript'), 'twilio(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { accountSid: sid })');
      assert.strictEqual(
        rewrite('new Twilio(sid, token, opts)', 'typescript'),
        'new Twilio(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { ...opts, accountSid: sid })',
      );
      assert.strictEqual(
        rewrite('twilio(\n  sid,\n  token,\n  {\n    lazyLoading: true,\n  },\n)', 'javascript'),
        'twilio(\n  process.env.TWILIO_API_KEY,\n  process.env.TWILIO_API_SECRET,\n  {\n    accountSid: sid,\n    lazyLoading: true,\n  },\n)',
      );
    });

    it('twilio() that reads TWILIO_AUTH_TOKEN itself gets the key variables', () => {
      assert.strictEqual(
        rewrite("const client = require('twilio')();", 'javascript'),
        "const client = require('twilio')(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { accountSid: process.env.TWILIO_ACCOUNT_SID });",
      );
    });

    it('leaves calls that already use a key, and strings and comments that look like calls', () => {
      const key = v.keySid();
      const untouched = [
        `twilio('${key}', secret, { accountSid: sid })`,
        'twilio(apiKey, apiSecret, { accountSid })',
        'twilio(sid, token, { accountSid: other })',
        "const s = 'twilio(sid, token)'.length; // twilio(a, b)",
        'mytwilio(sid, token)',
        'client.twilio(sid, token)',
      ];
      for (const text of untouched) assert.strictEqual(rewrite(text, 'javascript'), text, text);
    });

    it('skips a string with a parenthesis inside an argument', () => {
      assert.strictEqual(
        rewrite("twilio(cfg.get('sid(1)'), cfg.get(\"token, 2\"))", 'javascript'),
        "twilio(process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { accountSid: cfg.get('sid(1)') })",
      );
    });

    it('uses the configured variable names', () => {
      const plans = planKeyRewrites('twilio(a, b)', 'javascript', { accountSid: 'SID', apiKey: 'KEY', apiSecret: 'SECRET' });
      assert.strictEqual(applyTextEdits('twilio(a, b)', plans[0].edits), 'twilio(process.env.KEY, process.env.SECRET, { accountSid: a })');
    });
  });

  describe('twilio-python', () => {
    it('Client(sid, token) becomes Client(key, secret, sid)', () => {
      const sid = v.accountSid();
      const token = v.token();
      assert.strictEqual(
        rewrite(`from twilio.rest import Client\nclient = Client("${sid}", "${token}")\n`, 'python'),
        `from twilio.rest import Client\nclient = Client(os.environ["TWILIO_API_KEY"], os.environ["TWILIO_API_SECRET"], "${sid}")\n`,
      );
    });

    it('keeps keyword arguments after the positional ones', () => {
      assert.strictEqual(
        rewrite("import twilio.rest\nc = twilio.rest.Client(sid, token, region='ie1', edge='dublin')", 'python'),
        "import twilio.rest\nc = twilio.rest.Client(os.environ[\"TWILIO_API_KEY\"], os.environ[\"TWILIO_API_SECRET\"], sid, region='ie1', edge='dublin')",
      );
    });

    it('rewrites the keyword form with account_sid=', () => {
      assert.strictEqual(
        rewrite('from twilio.rest import Client\nc = Client(username=sid, password=token)', 'python'),
        'from twilio.rest import Client\nc = Client(username=os.environ["TWILIO_API_KEY"], password=os.environ["TWILIO_API_SECRET"], account_sid=sid)',
      );
    });

    it('Client() reading the environment gets the key variables', () => {
      assert.strictEqual(
        rewrite('from twilio.rest import Client\nc = Client()', 'python'),
        'from twilio.rest import Client\nc = Client(os.environ["TWILIO_API_KEY"], os.environ["TWILIO_API_SECRET"], os.environ["TWILIO_ACCOUNT_SID"])',
      );
    });

    it('leaves other Client classes, key forms and definitions alone', () => {
      for (const text of [
        'from httpx import Client\nc = Client(a, b)',
        'from twilio.rest import Client\nc = Client(api_key, api_secret, account_sid)',
        'from twilio.rest import Client\nc = Client(sid, token, account_sid=other)',
        'from twilio.rest import Client\nclass Client(Base): pass',
      ]) {
        assert.strictEqual(rewrite(text, 'python'), text, text);
      }
    });
  });

  describe('twilio-ruby, twilio-php, twilio-java, twilio-csharp', () => {
    it('Ruby, with and without parentheses', () => {
      assert.strictEqual(
        rewrite('@client = Twilio::REST::Client.new(account_sid, auth_token)', 'ruby'),
        '@client = Twilio::REST::Client.new(ENV["TWILIO_API_KEY"], ENV["TWILIO_API_SECRET"], account_sid)',
      );
      assert.strictEqual(
        rewrite('@client = Twilio::REST::Client.new account_sid, auth_token # creds\nputs 1', 'ruby'),
        '@client = Twilio::REST::Client.new ENV["TWILIO_API_KEY"], ENV["TWILIO_API_SECRET"], account_sid # creds\nputs 1',
      );
      assert.strictEqual(rewrite('client = Twilio::REST::Client.new\n', 'ruby'), 'client = Twilio::REST::Client.new\n');
    });

    it('PHP', () => {
      assert.strictEqual(
        rewrite('<?php\nuse Twilio\\Rest\\Client;\n$client = new Client($sid, $token);', 'php'),
        "<?php\nuse Twilio\\Rest\\Client;\n$client = new Client(getenv('TWILIO_API_KEY'), getenv('TWILIO_API_SECRET'), $sid);",
      );
      const guzzle = '<?php\nuse GuzzleHttp\\Client;\n$client = new Client($a, $b);';
      assert.strictEqual(rewrite(guzzle, 'php'), guzzle, 'another library\'s Client is not touched');
    });

    it('Java and Kotlin', () => {
      assert.strictEqual(
        rewrite('Twilio.init(ACCOUNT_SID, AUTH_TOKEN);', 'java'),
        'Twilio.init(System.getenv("TWILIO_API_KEY"), System.getenv("TWILIO_API_SECRET"), ACCOUNT_SID);',
      );
      assert.strictEqual(
        rewrite('Twilio.init(accountSid, authToken)', 'kotlin'),
        'Twilio.init(System.getenv("TWILIO_API_KEY"), System.getenv("TWILIO_API_SECRET"), accountSid)',
      );
      assert.strictEqual(rewrite('Twilio.init(API_KEY, API_SECRET, ACCOUNT_SID);', 'java'), 'Twilio.init(API_KEY, API_SECRET, ACCOUNT_SID);');
    });

    it('C#', () => {
      assert.strictEqual(
        rewrite('TwilioClient.Init(accountSid, authToken);', 'csharp'),
        'TwilioClient.Init(Environment.GetEnvironmentVariable("TWILIO_API_KEY"), Environment.GetEnvironmentVariable("TWILIO_API_SECRET"), accountSid);',
      );
    });
  });

  describe('twilio-go', () => {
    it('ClientParams{Username, Password} gains AccountSid', () => {
      assert.strictEqual(
        rewrite('client := twilio.NewRestClientWithParams(twilio.ClientParams{Username: sid, Password: token})', 'go'),
        'client := twilio.NewRestClientWithParams(twilio.ClientParams{Username: os.Getenv("TWILIO_API_KEY"), Password: os.Getenv("TWILIO_API_SECRET"), AccountSid: sid})',
      );
    });

    it('a literal over several lines gets the field on its own line', () => {
      assert.strictEqual(
        rewrite('c := twilio.NewRestClientWithParams(twilio.ClientParams{\n\tUsername: sid,\n\tPassword: token,\n})', 'go'),
        'c := twilio.NewRestClientWithParams(twilio.ClientParams{\n\tUsername: os.Getenv("TWILIO_API_KEY"),\n\tPassword: os.Getenv("TWILIO_API_SECRET"),\n\tAccountSid: sid,\n})',
      );
    });

    it('NewRestClient() reading the environment gets the key variables', () => {
      assert.strictEqual(
        rewrite('c := twilio.NewRestClient()', 'go'),
        'c := twilio.NewRestClientWithParams(twilio.ClientParams{Username: os.Getenv("TWILIO_API_KEY"), Password: os.Getenv("TWILIO_API_SECRET"), AccountSid: os.Getenv("TWILIO_ACCOUNT_SID")})',
      );
    });

    it('leaves key forms and OAuth clients alone', () => {
      for (const text of [
        'twilio.NewRestClientWithParams(twilio.ClientParams{Username: apiKey, Password: secret, AccountSid: sid})',
        'twilio.NewRestClientWithParams(params)',
      ]) {
        assert.strictEqual(rewrite(text, 'go'), text);
      }
    });
  });

  it('offers nothing for languages without a server SDK form', () => {
    assert.deepStrictEqual(planKeyRewrites('let c = Twilio(sid, token)', 'swift', names), []);
    assert.deepStrictEqual(planKeyRewrites('TWILIO_AUTH_TOKEN=x', 'dotenv', names), []);
  });

  it('never throws and stays bounded on unterminated calls', () => {
    for (const text of ['twilio(', "twilio('", 'twilio(a, (b', 'Twilio.init(a, "b', 'twilio.NewRestClientWithParams(twilio.ClientParams{Username: a']) {
      for (const lang of ['javascript', 'java', 'go', 'python', 'ruby'] as LanguageId[]) planKeyRewrites(text, lang, names);
    }
    const long = 'twilio(' + 'a'.repeat(200_000);
    const started = Date.now();
    assert.deepStrictEqual(planKeyRewrites(long, 'javascript', names), []);
    assert.ok(Date.now() - started < 2000);
  });
});
