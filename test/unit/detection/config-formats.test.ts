import * as assert from 'assert';
import { Values, findings, keySecret, secrets, token } from './helpers';

describe('configuration formats', () => {
  const v = new Values(505);

  it('YAML: nested twilio keys', () => {
    const t = v.token();
    const src = `twilio:\n  account_sid: ${v.accountSid()}\n  auth_token: "${t}"\n`;
    assert.deepStrictEqual(secrets(src, { path: 'config/settings.yml' }), [token(t)]);
  });

  it('YAML: a value on the line after its key', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`twilio_auth_token:\n  ${t}\n`, { path: 'secrets.yaml' }), [token(t)]);
  });

  it('docker-compose: environment lists and maps, and hardcoded defaults', () => {
    const t = v.token(), t2 = v.token(), t3 = v.token();
    const src = [
      'services:', '  app:', '    environment:',
      `      - TWILIO_AUTH_TOKEN=${t}`,
      `      TWILIO_AUTH_TOKEN: ${t2}`,
      `      TOKEN: \${TWILIO_AUTH_TOKEN:-${t3}}`,
      '      TWILIO_ACCOUNT_SID: ${TWILIO_ACCOUNT_SID}',
    ].join('\n');
    assert.deepStrictEqual(secrets(src, { path: 'docker-compose.yml' }), [token(t), token(t2), token(t3)]);
  });

  it('JSON: credentials objects, but not sha256 or integrity fields', () => {
    const t = v.token();
    const src = JSON.stringify({
      twilio: { accountSid: v.accountSid(), authToken: t },
      artifact: { sha256: v.token(), md5: v.token(), etag: v.token() },
      integrity: `sha512-${v.secret()}`,
    }, null, 2);
    assert.deepStrictEqual(secrets(src, { path: 'config.json' }), [token(t)]);
  });

  it('.properties: dotted keys', () => {
    const t = v.token(), s = v.secret();
    const src = `twilio.account-sid=${v.accountSid()}\ntwilio.auth.token=${t}\ntwilio.api.secret = ${s}\n`;
    assert.deepStrictEqual(secrets(src, { path: 'application.properties' }), [token(t), keySecret(s)]);
  });

  it('INI and TOML sections', () => {
    const t = v.token(), t2 = v.token();
    assert.deepStrictEqual(secrets(`[twilio]\nauth_token = ${t}\n`, { path: 'settings.ini' }), [token(t)]);
    assert.deepStrictEqual(secrets(`[twilio]\nauth_token = "${t2}"\n`, { path: 'pyproject.toml' }), [token(t2)]);
  });

  it('.env.example is a committed file: a real value there is a warning', () => {
    const t = v.token();
    const [f] = findings(`TWILIO_ACCOUNT_SID=${v.accountSid()}\nTWILIO_AUTH_TOKEN=${t}\n`, { path: '.env.example' }).filter((x) => x.isSecret);
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(f.fileRole, 'source');
  });

  it('.env.example placeholders are not secrets', () => {
    const src = 'TWILIO_ACCOUNT_SID=ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nTWILIO_AUTH_TOKEN=your_auth_token\nTWILIO_API_SECRET=<secret>\n';
    assert.deepStrictEqual(findings(src, { path: '.env.example' }), []);
  });

  it('Jupyter notebooks: code inside JSON source arrays', () => {
    const t = v.token();
    const nb = JSON.stringify({
      cells: [{ cell_type: 'code', source: ['from twilio.rest import Client\n', `account_sid = "${v.accountSid()}"\n`, `auth_token = "${t}"\n`, 'client = Client(account_sid, auth_token)\n'] }],
    }, null, 1);
    assert.deepStrictEqual(secrets(nb, { path: 'notebooks/sms.ipynb' }), [token(t)]);
  });

  it('Jupyter notebooks: base64 images in outputs are not secrets', () => {
    const png = Array.from({ length: 40 }, () => v.secret()).join('+');
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: ['import twilio\n'], outputs: [{ data: { 'image/png': png } }] }] });
    assert.deepStrictEqual(secrets(nb, { path: 'a.ipynb' }), []);
  });

  it('XML and Markdown prose', () => {
    const t = v.token(), t2 = v.token();
    assert.deepStrictEqual(secrets(`<twilio><AuthToken>${t}</AuthToken></twilio>`, { path: 'a.xml' }), [token(t)]);
    assert.deepStrictEqual(secrets(`Your Twilio auth token is \`${t2}\`.`, { path: 'NOTES.md' }), [token(t2)]);
  });
});

describe('shell, curl and URLs', () => {
  const v = new Values(506);

  it('curl -u SID:token', () => {
    const t = v.token(), sid = v.accountSid();
    const src = `curl -X POST "https://api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json" \\\n  --data-urlencode "Body=hi" \\\n  -u ${sid}:${t}\n`;
    assert.deepStrictEqual(secrets(src, { path: 'send.sh' }), [token(t)]);
  });

  it('curl -u $VAR:token and an API key pair', () => {
    const t = v.token(), s = v.secret();
    const src = `curl -u "$TWILIO_ACCOUNT_SID:${t}" https://api.twilio.com/\ncurl -u ${v.keySid()}:${s} https://api.twilio.com/`;
    assert.deepStrictEqual(secrets(src, { path: 'send.sh' }), [token(t), keySecret(s)]);
  });

  it('credentials inside a URL', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`TWILIO_URL=https://${v.accountSid()}:${t}@api.twilio.com/2010-04-01`, { path: 'deploy.sh' }), [token(t)]);
  });

  it('export statements and CLI flags', () => {
    const t = v.token(), t2 = v.token();
    const src = `export TWILIO_AUTH_TOKEN=${t}\ntwilio profiles:add --account-sid "$SID" --auth-token ${t2}\n`;
    assert.deepStrictEqual(secrets(src, { path: 'setup.sh' }), [token(t), token(t2)]);
  });

  it('comments count too', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`# old twilio auth token: ${t}\nx = 1`, { path: 'a.py' }), [token(t)]);
  });
});
