import * as assert from 'assert';
import { Values, findings, keySecret, secrets, token } from './helpers';

describe('Java and Kotlin', () => {
  const v = new Values(404);

  it('finds Twilio.init(sid, token) in Java', () => {
    const t = v.token();
    const src = `public class Sms {\n  public static final String ACCOUNT_SID = "${v.accountSid()}";\n  public static void main(String[] a) {\n    Twilio.init(ACCOUNT_SID, "${t}");\n  }\n}`;
    assert.deepStrictEqual(secrets(src, { path: 'src/main/java/Sms.java' }), [token(t)]);
  });

  it('finds a static final AUTH_TOKEN constant in Java', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`private static final String AUTH_TOKEN = "${t}";`, { path: 'A.java' }), [token(t)]);
  });

  it('finds val authToken and Twilio.init in Kotlin', () => {
    const t = v.token(), t2 = v.token();
    const src = `val authToken = "${t}"\nTwilio.init(accountSid, "${t2}")`;
    assert.deepStrictEqual(secrets(src, { path: 'Main.kt' }), [token(t), token(t2)]);
  });

  it('ignores System.getenv and Kotlin templates', () => {
    const src = 'Twilio.init(System.getenv("TWILIO_ACCOUNT_SID"), System.getenv("TWILIO_AUTH_TOKEN"))\nval t = "${authToken}"';
    assert.deepStrictEqual(secrets(src, { path: 'Main.kt' }), []);
  });
});

describe('C#', () => {
  const v = new Values(405);
  it('finds TwilioClient.Init(sid, token) and string constants', () => {
    const t = v.token(), t2 = v.token();
    const src = `const string authToken = "${t}";\nTwilioClient.Init(accountSid, "${t2}");`;
    const found = secrets(src, { path: 'Program.cs' });
    assert.deepStrictEqual(found, [token(t), token(t2)]);
    assert.strictEqual(findings(src, { path: 'Program.cs' })[0].fix.envLookup, 'Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN")');
  });

  it('finds a token in an app.config appSettings entry', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`<appSettings>\n  <add key="TwilioAuthToken" value="${t}" />\n</appSettings>`, { path: 'App.config' }), [token(t)]);
  });
});

describe('Go', () => {
  const v = new Values(406);
  it('finds Password in twilio.ClientParams', () => {
    const t = v.token();
    const src = `client := twilio.NewRestClientWithParams(twilio.ClientParams{\n\tUsername: "${v.accountSid()}",\n\tPassword: "${t}",\n})`;
    assert.deepStrictEqual(secrets(src, { path: 'main.go' }), [token(t)]);
  });

  it('finds a short variable declaration named authToken', () => {
    const t = v.token();
    assert.deepStrictEqual(secrets(`authToken := "${t}"`, { path: 'main.go' }), [token(t)]);
  });

  it('finds an API key secret with an API key SID', () => {
    const s = v.secret();
    const src = `client := twilio.NewRestClientWithParams(twilio.ClientParams{\n\tUsername: "${v.keySid()}",\n\tPassword: "${s}",\n\tAccountSid: accountSid,\n})`;
    assert.deepStrictEqual(secrets(src, { path: 'main.go' }), [keySecret(s)]);
  });

  it('ignores os.Getenv and go.sum', () => {
    assert.deepStrictEqual(secrets('Password: os.Getenv("TWILIO_AUTH_TOKEN"),', { path: 'main.go' }), []);
    assert.deepStrictEqual(findings(`github.com/twilio/twilio-go v1.0.0 h1:${v.secret()}=`, { path: 'go.sum' }), []);
  });
});

describe('Swift', () => {
  const v = new Values(407);
  it('finds let authToken and a basic-auth URL', () => {
    const t = v.token(), t2 = v.token();
    const src = `let authToken = "${t}"\nlet url = URL(string: "https://${v.accountSid()}:${t2}@api.twilio.com/2010-04-01/Accounts")!`;
    assert.deepStrictEqual(secrets(src, { path: 'Sms.swift' }), [token(t), token(t2)]);
  });

  it('ignores ProcessInfo environment lookups', () => {
    assert.deepStrictEqual(secrets('let token = ProcessInfo.processInfo.environment["TWILIO_AUTH_TOKEN"]!', { path: 'Sms.swift' }), []);
  });
});
