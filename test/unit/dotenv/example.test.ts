// Keeping .env.example in step with the variables written to .env.
import * as assert from 'node:assert/strict';
import { ensureExampleEntries } from '../../../src/workspace/dotenv';

describe('ensureExampleEntries', () => {
  it('adds missing names with an empty value at the end', () => {
    const r = ensureExampleEntries('# Copy to .env\nPORT=3000\n', ['TWILIO_API_KEY', 'TWILIO_API_SECRET']);
    assert.deepEqual(r, { ok: true, text: '# Copy to .env\nPORT=3000\nTWILIO_API_KEY=\nTWILIO_API_SECRET=\n', changed: true });
  });

  it('leaves names that are already listed alone, whatever their example value', () => {
    const text = 'TWILIO_API_KEY=SKxxxxxxxx # your key here\r\n';
    assert.deepEqual(ensureExampleEntries(text, ['TWILIO_API_KEY']), { ok: true, text, changed: false });
    assert.equal(
      (ensureExampleEntries(text, ['TWILIO_API_KEY', 'TWILIO_API_SECRET']) as { text: string }).text,
      'TWILIO_API_KEY=SKxxxxxxxx # your key here\r\nTWILIO_API_SECRET=\r\n',
    );
  });

  it('adds each name once', () => {
    assert.equal((ensureExampleEntries('', ['A', 'A']) as { text: string }).text, 'A=\n');
  });

  it('creates the content of a new example file', () => {
    assert.deepEqual(ensureExampleEntries('', ['TWILIO_ACCOUNT_SID'], { eol: '\r\n' }), { ok: true, text: 'TWILIO_ACCOUNT_SID=\r\n', changed: true });
  });

  it('changes nothing in a file it cannot read', () => {
    const r = ensureExampleEntries("A='broken\n", ['B']);
    assert.equal(r.ok, false);
  });
});
