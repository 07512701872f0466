// Templates never receive a value; committed env files turn their secrets into warnings.
import * as assert from 'node:assert/strict';
import { isTemplateFile, templateEdits } from '../../../src/workspace/dotenv/templates';
import { escalateCommittedEnvFindings } from '../../../src/workspace/dotenv/committed';
import { scanText } from '../../../src/core/detection';
import { fakeAccountSid, fakeAuthToken } from '../../support/fakeCredentials';

describe('templates (.env.example and friends)', () => {
  it('recognises template names', () => {
    for (const name of ['.env.example', '.env.sample', '.env.template', '.env.dist', 'config.example', 'app.sample', 'x.template', 'prod.env.dist', '.env-example', 'example.env', 'dir/.env.tmpl', 'C:\\w\\.env.defaults']) {
      assert.equal(isTemplateFile(name), true, name);
    }
  });

  it('does not take real env files for templates', () => {
    for (const name of ['.env', '.env.local', '.env.production', 'prod.env', 'examples_dir/.env', '.env.exampled']) {
      assert.equal(isTemplateFile(name), false, name);
    }
  });

  it('turns every value into an empty one, and a removal into an emptied name', () => {
    assert.deepEqual(templateEdits([{ name: 'TWILIO_API_SECRET', value: 'x' }, { remove: 'TWILIO_API_KEY' }]), [
      { name: 'TWILIO_API_SECRET', value: '' },
      { name: 'TWILIO_API_KEY', value: '' },
    ]);
  });
});

describe('escalateCommittedEnvFindings', () => {
  const findings = () => scanText(`TWILIO_AUTH_TOKEN=${fakeAuthToken()}\n`, { path: '.env' });

  it('a secret in a tracked env file is a warning that says why', () => {
    const [f] = escalateCommittedEnvFindings(findings(), 'tracked');
    assert.equal(f.fileRole, 'env-file');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /tracked by git/);
  });

  it('a secret in an env file git would commit is a warning that says why', () => {
    const [f] = escalateCommittedEnvFindings(findings(), 'not-ignored');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /not ignored by git/);
  });

  it('never lowers a finding that is already an error', () => {
    const [error] = findings().map((f) => ({ ...f, severity: 'error' as const }));
    const [f] = escalateCommittedEnvFindings([error], 'tracked');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /tracked by git/);
  });

  it('a secret judged on weak evidence (a value no name says is a token, beside a SID) is information, one step lower', () => {
    const weak = scanText(`# ${fakeAccountSid()}\nB=${fakeAuthToken()}\n`, { path: '.env' });
    const [f] = escalateCommittedEnvFindings(weak, 'tracked').filter((x) => x.isSecret);
    assert.equal(f.confidence, 'low');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /^Possible Twilio Auth Token .*tracked by git/);
  });

  it('an ignored env file keeps its information severity', () => {
    const [f] = escalateCommittedEnvFindings(findings(), undefined);
    assert.equal(f.severity, 'information');
  });
});
