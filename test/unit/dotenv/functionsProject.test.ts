// Issue 20, point 7: a Functions project's `.twiliodeployinfo` and the serverless toolkit's `.env`
// conventions. Files are made at run time in a scratch folder; SIDs are generated.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scanText } from '../../../src/core/detection';
import {
  DEPLOY_INFO_FILE,
  functionsProjectOf,
  isDeployedVariable,
  isFunctionsPackageJson,
  noteFunctionsProject,
  parseDeployInfo,
} from '../../../src/workspace/dotenv/functionsProject';
import { fakeAccountSid, fakeAuthToken, fakeHex, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

describe('Twilio Functions projects (serverless toolkit conventions)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-functions-')))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
    return path.join(dir, rel);
  };

  it('reads .twiliodeployinfo: who deployed, to which service, SIDs only', () => {
    const account = fakeAccountSid(), key = fakeKeySid(), zs = 'ZS' + fakeHex(), zb = 'ZB' + fakeHex();
    const text = JSON.stringify({ [account]: { serviceSid: zs, latestBuild: zb }, [`${key}:ie1`]: { serviceSid: zs }, junk: { serviceSid: zs }, [fakeAccountSid()]: { serviceSid: 'not a sid' } });
    assert.deepStrictEqual(parseDeployInfo(text), [
      { deployedWith: account, serviceSid: zs, latestBuild: zb },
      { deployedWith: key, region: 'ie1', serviceSid: zs },
    ]);
    for (const bad of ['', 'null', '[]', '{', '"x"', '{"a":null}']) assert.deepStrictEqual(parseDeployInfo(bad), [], bad);
  });

  it('knows a package.json that depends on the toolkit or its runtime', () => {
    assert.ok(isFunctionsPackageJson(JSON.stringify({ dependencies: { '@twilio/runtime-handler': '1.3.0' } })));
    assert.ok(isFunctionsPackageJson(JSON.stringify({ devDependencies: { 'twilio-run': '^3' } })));
    assert.ok(!isFunctionsPackageJson(JSON.stringify({ dependencies: { twilio: '^5' } })));
    assert.ok(!isFunctionsPackageJson('not json'));
  });

  it('ACCOUNT_SID and AUTH_TOKEN are the deploy credentials; every other variable is uploaded', () => {
    assert.ok(!isDeployedVariable('ACCOUNT_SID') && !isDeployedVariable('AUTH_TOKEN'));
    assert.ok(isDeployedVariable('TWILIO_API_SECRET') && isDeployedVariable('MY_SECRET'));
  });

  it('finds the project of an env file by the files beside it, and no project elsewhere', async () => {
    const zs = 'ZS' + fakeHex();
    write(`notify/${DEPLOY_INFO_FILE}`, JSON.stringify({ [fakeAccountSid()]: { serviceSid: zs } }));
    write('runtime/package.json', JSON.stringify({ dependencies: { '@twilio/runtime-handler': '1.3.0' } }));
    write('web/package.json', JSON.stringify({ dependencies: { express: '4' } }));
    const notify = await functionsProjectOf(path.join(dir, 'notify/.env'), [dir]);
    assert.deepStrictEqual([notify?.via, notify?.deploys.map((d) => d.serviceSid)], ['deployInfo', [zs]]);
    assert.strictEqual((await functionsProjectOf(path.join(dir, 'runtime/.env'), [dir]))?.via, 'packageJson');
    assert.strictEqual(await functionsProjectOf(path.join(dir, 'web/.env'), [dir]), undefined);
  });

  it('never follows a .twiliodeployinfo that is a link, nor reads one outside the roots', async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-functions-out-')));
    try {
      fs.writeFileSync(path.join(outside, 'info'), JSON.stringify({ [fakeAccountSid()]: { serviceSid: 'ZS' + fakeHex() } }));
      fs.mkdirSync(path.join(dir, 'linked'));
      fs.symlinkSync(path.join(outside, 'info'), path.join(dir, 'linked', DEPLOY_INFO_FILE));
      assert.strictEqual(await functionsProjectOf(path.join(dir, 'linked/.env'), [dir]), undefined);
      fs.writeFileSync(path.join(outside, DEPLOY_INFO_FILE), '{}');
      assert.strictEqual(await functionsProjectOf(path.join(outside, '.env'), [dir]), undefined);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a secret in a Functions project .env says where its value goes; the deploy token says it stays', () => {
    const zs = 'ZS' + fakeHex();
    const text = `ACCOUNT_SID=${fakeAccountSid()}\nAUTH_TOKEN=${fakeAuthToken()}\nTWILIO_API_KEY=${fakeKeySid()}\nTWILIO_API_SECRET=${fakeKeySecret()}\n`;
    const findings = scanText(text, { path: 'notify/.env' });
    const noted = noteFunctionsProject(findings, { folder: dir, via: 'deployInfo', deploys: [{ deployedWith: fakeAccountSid(), serviceSid: zs }] });
    const token = noted.find((f) => f.kind === 'twilio-auth-token')!;
    const secret = noted.find((f) => f.kind === 'twilio-api-key-secret')!;
    assert.match(token.message, /deploys with AUTH_TOKEN and does not upload it/);
    assert.match(secret.message, new RegExp(`uploads its values as environment variables of ${zs}`));
    // SIDs are not secrets: unchanged.
    assert.deepStrictEqual(noted.filter((f) => !f.isSecret), findings.filter((f) => !f.isSecret));
    assert.deepStrictEqual(noteFunctionsProject(findings, undefined), findings);
  });
});
