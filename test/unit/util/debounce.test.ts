// The per-document debounce of the scanner and the mix-up check.
import * as assert from 'node:assert/strict';
import { KeyedDebounce } from '../../../src/core/util/debounce';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('keyed debounce', () => {
  it('runs once per key after the delay, the latest schedule winning', async () => {
    const d = new KeyedDebounce<string>();
    const runs: string[] = [];
    d.schedule('a', 20, () => runs.push('a1'));
    d.schedule('a', 20, () => runs.push('a2'));
    d.schedule('b', 0, () => runs.push('b'));
    await sleep(80);
    assert.deepEqual(runs, ['b', 'a2']);
    d.dispose();
  });

  it('cancel drops one key, dispose drops all', async () => {
    const d = new KeyedDebounce<string>();
    const runs: string[] = [];
    d.schedule('a', 10, () => runs.push('a'));
    d.schedule('b', 10, () => runs.push('b'));
    d.cancel('a');
    await sleep(50);
    assert.deepEqual(runs, ['b']);
    d.schedule('c', 10, () => runs.push('c'));
    d.dispose();
    await sleep(40);
    assert.deepEqual(runs, ['b']);
    // a key can be scheduled again after it ran
    d.schedule('b', 0, () => runs.push('b again'));
    await sleep(20);
    assert.deepEqual(runs, ['b', 'b again']);
  });
});
