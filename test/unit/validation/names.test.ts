// Names a user can give the variables the extension writes.
import * as assert from 'node:assert/strict';
import { validateEnvVarName } from '../../../src/core/validation';

describe('validateEnvVarName', () => {
  it('accepts POSIX-style names, including the ones Twilio tools read', () => {
    for (const n of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY', 'TWILIO_API_SECRET', 'TWILIO_REGION', 'TWILIO_EDGE', '_X', 'a1', 'lower_case']) assert.equal(validateEnvVarName(n), undefined, n);
  });

  it('asks for a name when empty', () => {
    assert.match(validateEnvVarName('') ?? '', /Enter a variable name/);
  });

  it('rejects a leading digit', () => {
    assert.equal(validateEnvVarName('1TWILIO'), 'A variable name cannot start with a digit.');
  });

  it('rejects blanks and suggests "_"', () => {
    assert.match(validateEnvVarName('TWILIO KEY') ?? '', /use "_"/);
  });

  it('names the character that is not allowed', () => {
    assert.equal(validateEnvVarName('TWILIO-KEY'), '"-" is not allowed: a variable name uses only letters, digits and "_".');
    assert.equal(validateEnvVarName('my.var'), '"." is not allowed: a variable name uses only letters, digits and "_".');
    assert.equal(validateEnvVarName('KEYé'), 'A variable name uses only letters, digits and "_".');
  });
});
