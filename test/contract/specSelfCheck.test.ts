// The validator itself: Twilio's own examples pass it, and it catches the mistakes it exists for.
import * as assert from 'assert';
import { check, exampleProblems, findOperation, OPERATIONS } from './validator';

const sid = (p: string) => p + 'c'.repeat(32);
const date = 'Mon, 13 Jun 2016 22:50:08 +0000';
const key = { sid: sid('SK'), friendly_name: 'k', date_created: date, date_updated: date };
const json = 'application/json; charset=utf-8';
const fetchKey = (body: unknown, status = 200) =>
  check({ method: 'GET', path: `/2010-04-01/Accounts/${sid('AC')}/Keys/${sid('SK')}.json`, status, contentType: json, body: JSON.stringify(body) });

describe('Contract: the validator', () => {
  it('covers the operations the emulator serves', () => {
    assert.deepStrictEqual(OPERATIONS.map((o) => o.id).sort(), [
      'DELETE /2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json',
      'DELETE /v1/AuthTokens/Secondary',
      'DELETE /v1/Keys/{Sid}',
      'GET /2010-04-01/Accounts.json',
      'GET /2010-04-01/Accounts/{AccountSid}/Balance.json',
      'GET /2010-04-01/Accounts/{AccountSid}/Keys.json',
      'GET /2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json',
      'GET /2010-04-01/Accounts/{Sid}.json',
      'GET /v1/Keys',
      'GET /v1/Keys/{Sid}',
      'POST /2010-04-01/Accounts/{AccountSid}/Keys.json',
      'POST /2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json',
      'POST /v1/AuthTokens/Promote',
      'POST /v1/AuthTokens/Secondary',
      'POST /v1/Keys',
      'POST /v1/Keys/{Sid}',
      // Accounts v1 credentials
      'DELETE /v1/Credentials/AWS/{Sid}',
      'DELETE /v1/Credentials/PublicKeys/{Sid}',
      'GET /v1/Credentials/AWS',
      'GET /v1/Credentials/AWS/{Sid}',
      'GET /v1/Credentials/PublicKeys',
      'GET /v1/Credentials/PublicKeys/{Sid}',
      'POST /v1/Credentials/AWS',
      'POST /v1/Credentials/AWS/{Sid}',
      'POST /v1/Credentials/PublicKeys',
      'POST /v1/Credentials/PublicKeys/{Sid}',
      // Serverless v1
      'DELETE /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables/{Sid}',
      'DELETE /v1/Services/{ServiceSid}/Environments/{Sid}',
      'DELETE /v1/Services/{Sid}',
      'GET /v1/Services',
      'GET /v1/Services/{ServiceSid}/Environments',
      'GET /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables',
      'GET /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables/{Sid}',
      'GET /v1/Services/{ServiceSid}/Environments/{Sid}',
      'GET /v1/Services/{Sid}',
      'POST /v1/Services',
      'POST /v1/Services/{ServiceSid}/Environments',
      'POST /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables',
      'POST /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables/{Sid}',
      'POST /v1/Services/{Sid}',
      // Conversations v1 push credentials
      'DELETE /v1/Credentials/{Sid}',
      'GET /v1/Credentials',
      'GET /v1/Credentials/{Sid}',
      'POST /v1/Credentials',
      'POST /v1/Credentials/{Sid}',
    ].sort());
  });

  it('names each operation once across the files', () => {
    const ids = OPERATIONS.map((o) => o.id);
    assert.strictEqual(new Set(ids).size, ids.length);
  });

  it('tells Accounts v1 credentials from push credentials, by template and by host', () => {
    const cr = sid('CR');
    assert.strictEqual(findOperation('GET', '/v1/Credentials/AWS')?.product, 'accounts');
    assert.strictEqual(findOperation('GET', `/v1/Credentials/PublicKeys/${cr}`)?.product, 'accounts');
    assert.strictEqual(findOperation('GET', `/v1/Credentials/${cr}`)?.product, 'conversations');
    assert.strictEqual(findOperation('GET', '/v1/Credentials/AWS', 'conversations')?.id, 'GET /v1/Credentials/{Sid}');
  });

  it('accepts every example in Twilio’s spec, relative *_uri values included', () => {
    assert.deepStrictEqual(exampleProblems(), []);
  });

  it('accepts a well-formed key', () => {
    assert.deepStrictEqual(fetchKey(key).problems, []);
  });

  it('rejects an ISO date where Twilio sends RFC 2822', () => {
    assert.match(fetchKey({ ...key, date_created: '2016-06-13T22:50:08Z' }).problems.join(), /date-time-rfc-2822/);
  });

  it('rejects a SID of the wrong shape', () => {
    assert.match(fetchKey({ ...key, sid: 'SK123' }).problems.join(), /sid/);
  });

  it('rejects a status the operation does not declare', () => {
    assert.match(fetchKey(key, 201).problems.join(), /status 201 is not declared/);
    const del = check({ method: 'DELETE', path: `/v1/Keys/${sid('SK')}`, status: 200, contentType: json, body: '{}' });
    assert.match(del.problems.join(), /status 200 is not declared/);
  });

  it('rejects a body on 204', () => {
    const del = check({ method: 'DELETE', path: `/v1/Keys/${sid('SK')}`, status: 204, body: '{}' });
    assert.match(del.problems.join(), /declares no body/);
  });

  it('rejects error bodies that twilio-node would misread or that lack fields', () => {
    const err = { code: 20404, message: 'Not found', more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 };
    assert.deepStrictEqual(fetchKey(err, 404).problems, []);
    assert.notDeepStrictEqual(fetchKey({ ...err, type: 'about:blank', title: 'Not Found' }, 404).problems, []);
    assert.notDeepStrictEqual(fetchKey({ code: 20404, message: 'x', status: 404 }, 404).problems, []);
    assert.match(fetchKey({ ...err, status: 400 }, 404).problems.join(), /differs from HTTP 404/);
    assert.match(fetchKey({ ...err, code: '20404' }, 404).problems.join(), /code/);
  });

  it('rejects an unknown path', () => {
    assert.match(check({ method: 'GET', path: '/v1/Roles', status: 200, body: '{}' }).problems.join(), /not an operation/);
  });
});
