// A dismissed prompt ends a command quietly, whichever bundle threw the dismissal: the lazily
// loaded dist/functions.js has its own copy of the Cancelled class.
import * as assert from 'assert';
import { Cancelled } from '../../../src/platform/commands';

describe('Cancelled', () => {
  it('recognises a dismissal thrown by another copy of the class, and nothing else', () => {
    class OtherCopy extends Error {
      constructor() {
        super('cancelled');
        Object.defineProperty(this, Symbol.for('twilio-credentials.Cancelled'), { value: true });
      }
    }
    assert.ok(new Cancelled() instanceof Cancelled);
    assert.ok(new OtherCopy() instanceof Cancelled);
    assert.ok(!(new Error('cancelled') instanceof Cancelled));
    assert.ok(!((undefined as unknown) instanceof Cancelled));
  });
});
