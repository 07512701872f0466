import * as assert from 'assert';
import { Values, secrets, token } from './helpers';

describe('Ruby', () => {
  const v = new Values(303);
  const rb = { path: 'lib/notify.rb' };

  it('finds a token given to Twilio::REST::Client.new with parentheses', () => {
    const t = v.token();
    const src = `@client = Twilio::REST::Client.new(account_sid, '${t}')`;
    assert.deepStrictEqual(secrets(src, rb), [token(t)]);
  });

  it('finds a token given to Twilio::REST::Client.new without parentheses', () => {
    const t = v.token();
    const src = `@client = Twilio::REST::Client.new account_sid, '${t}'`;
    assert.deepStrictEqual(secrets(src, rb), [token(t)]);
  });

  it('finds symbols and hash rockets', () => {
    const t = v.token(), t2 = v.token();
    const src = `Twilio.configure do |config|\n  config.auth_token = "${t}"\nend\nCREDS = { :auth_token => '${t2}' }`;
    assert.deepStrictEqual(secrets(src, rb), [token(t), token(t2)]);
  });

  it('ignores ENV lookups', () => {
    assert.deepStrictEqual(secrets(`auth_token = ENV['TWILIO_AUTH_TOKEN']\nsid = ENV.fetch("TWILIO_ACCOUNT_SID")`, rb), []);
  });
});

describe('PHP', () => {
  const v = new Values(304);
  const php = { path: 'src/Sms.php' };

  it('finds a token in a variable handed to new Client($sid, $token)', () => {
    const t = v.token();
    const src = `<?php\nuse Twilio\\Rest\\Client;\n$sid = "${v.accountSid()}";\n$token = "${t}";\n$twilio = new Client($sid, $token);\n`;
    assert.deepStrictEqual(secrets(src, php), [token(t)]);
  });

  it('finds a token directly in new Client(...) and in config arrays', () => {
    const t = v.token(), t2 = v.token();
    const src = `<?php\nuse Twilio\\Rest\\Client;\n$client = new Client(getenv('SID'), '${t}');\nreturn ['twilio' => ['auth_token' => '${t2}']];\n`;
    assert.deepStrictEqual(secrets(src, php), [token(t), token(t2)]);
  });

  it('ignores getenv and md5()', () => {
    const src = `<?php\n$token = getenv('TWILIO_AUTH_TOKEN');\nif (md5($body) === '${v.token()}') {}\n`;
    assert.deepStrictEqual(secrets(src, php), []);
  });
});
