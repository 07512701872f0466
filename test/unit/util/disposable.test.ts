// The one base class that owns listeners and emitters and releases them.
import * as assert from 'node:assert/strict';
import { Disposable, DisposableLike } from '../../../src/core/util/disposable';

class Owner extends Disposable {
  take<T extends DisposableLike>(first: T, ...rest: DisposableLike[]): T {
    return this.own(first, ...rest);
  }
  get released(): boolean {
    return this.isDisposed;
  }
}

function tracked(log: string[], name: string, fail = false): DisposableLike {
  return {
    dispose: () => {
      log.push(name);
      if (fail) throw new Error(`${name} failed`);
    },
  };
}

describe('Disposable base class', () => {
  it('releases what it owns once, in the order it was owned', () => {
    const log: string[] = [];
    const o = new Owner();
    const a = tracked(log, 'a');
    assert.equal(o.take(a, tracked(log, 'b')), a, 'own() returns its first argument');
    o.take(tracked(log, 'c'));
    assert.equal(o.released, false);
    o.dispose();
    o.dispose();
    assert.deepEqual(log, ['a', 'b', 'c']);
    assert.equal(o.released, true);
  });

  it('releases at once what it is given after dispose()', () => {
    const log: string[] = [];
    const o = new Owner();
    o.dispose();
    o.take(tracked(log, 'late'));
    assert.deepEqual(log, ['late']);
  });

  it('one failing dispose() does not keep the others alive; the first error is rethrown', () => {
    const log: string[] = [];
    const o = new Owner();
    o.take(tracked(log, 'a', true), tracked(log, 'b', true), tracked(log, 'c'));
    assert.throws(() => o.dispose(), /a failed/);
    assert.deepEqual(log, ['a', 'b', 'c']);
    o.dispose();
    assert.deepEqual(log, ['a', 'b', 'c'], 'nothing is released twice');
  });
});
