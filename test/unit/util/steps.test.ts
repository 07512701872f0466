// The sequencing of a multi-step input: next, Back, cancel, skipped steps and the counts shown.
import * as assert from 'node:assert/strict';
import { walkSteps, nextStep, stepPosition, stepTitle, Step, StepOutcome, StepPosition } from '../../../src/core/util/steps';

interface State {
  branch?: 'short' | 'long';
  given: Set<string>;
}

const step = (name: string, asks: (s: State) => boolean = (s) => !s.given.has(name)): Step<State> => ({ name, asks });

/** a → b (short or long) → [c, d only on the long branch] → e */
const FLOW: Step<State>[] = [
  step('a'),
  step('b'),
  step('c', (s) => s.branch === 'long'),
  step('d', (s) => s.branch === 'long' && !s.given.has('d')),
  step('e'),
];

/** Walks FLOW answering from the script; returns the trace "name n/total back?" and the result. */
async function walk(script: Array<StepOutcome | ((s: State) => StepOutcome)>, given: string[] = []) {
  const state: State = { given: new Set(given) };
  const trace: string[] = [];
  const done = await walkSteps(FLOW, state, async (s, at: StepPosition) => {
    trace.push(`${s.name} ${at.step}/${at.total}${at.canGoBack ? ' <' : ''}`);
    const next = script.shift();
    if (next === undefined) throw new Error(`no answer for ${s.name}`);
    return typeof next === 'function' ? next(state) : next;
  });
  return { done, trace, state };
}

const choose = (branch: State['branch']) => (s: State): StepOutcome => ((s.branch = branch), 'next');

describe('multi-step input sequencing', () => {
  it('asks every step in order, counting the branch chosen so far', async () => {
    const short = await walk(['next', choose('short'), 'next']);
    assert.equal(short.done, true);
    assert.deepEqual(short.trace, ['a 1/3', 'b 2/3 <', 'e 3/3 <']);
    const long = await walk(['next', choose('long'), 'next', 'next', 'next']);
    assert.deepEqual(long.trace, ['a 1/3', 'b 2/3 <', 'c 3/5 <', 'd 4/5 <', 'e 5/5 <']);
  });

  it('goes Back to the step answered before, and counts again after a new choice', async () => {
    const r = await walk(['next', choose('long'), 'next', 'back', 'back', choose('short'), 'back', 'next', 'next', 'next']);
    assert.equal(r.done, true);
    assert.deepEqual(r.trace, [
      'a 1/3',
      'b 2/3 <',
      'c 3/5 <',
      'd 4/5 <',
      'c 3/5 <', // back from d
      'b 2/5 <', // back from c: the long branch is still the one chosen
      'e 3/3 <', // short chosen
      'b 2/3 <', // back from e lands on b, not on the skipped c and d
      'e 3/3 <',
    ]);
    assert.equal(r.state.branch, 'short');
  });

  it('offers no Back on the first step, and a Back there stays on it', async () => {
    const r = await walk(['back', 'next', 'back', 'next', choose('short'), 'next']);
    assert.deepEqual(r.trace, ['a 1/3', 'a 1/3', 'b 2/3 <', 'a 1/3', 'b 2/3 <', 'e 3/3 <']);
  });

  it('cancels the whole flow from any step', async () => {
    for (let at = 0; at < 3; at++) {
      const script: Array<StepOutcome | ((s: State) => StepOutcome)> = ['next', choose('short'), 'next'];
      script[at] = 'cancel';
      const r = await walk(script);
      assert.equal(r.done, false);
      assert.equal(r.trace.length, at + 1, 'no step after the cancelled one');
    }
  });

  it('skips the steps answered by argument: they are not counted and Back never lands on them', async () => {
    const r = await walk([choose('long'), 'back', 'next', 'next', 'next'], ['a', 'd']);
    assert.deepEqual(r.trace, ['b 1/2', 'c 2/3 <', 'b 1/3', 'c 2/3 <', 'e 3/3 <']);
    const none = await walk([], ['a', 'b', 'e']);
    assert.equal(none.done, true, 'a flow whose every step is answered completes without asking');
    assert.deepEqual(none.trace, []);
  });

  it('finds the next asking step and the position of any step', () => {
    const state: State = { given: new Set(['a']), branch: 'long' };
    assert.equal(nextStep(FLOW, state, -1), 1);
    assert.equal(nextStep(FLOW, state, 1), 2);
    assert.equal(nextStep(FLOW, state, 4), undefined);
    assert.deepEqual(stepPosition(FLOW, state, 0, 1), { step: 1, total: 4, canGoBack: false });
    assert.deepEqual(stepPosition(FLOW, state, 2, 3), { step: 3, total: 4, canGoBack: true });
  });

  it('titles a step with its count, and a lone step without one', () => {
    assert.equal(stepTitle('Connect', { step: 2, total: 5 }), 'Connect (2/5)');
    assert.equal(stepTitle('Create', { step: 1, total: 2 }, 'Prod'), 'Create (1/2): Prod');
    assert.equal(stepTitle('Create', { step: 1, total: 1 }, 'Prod'), 'Create: Prod');
    assert.equal(stepTitle('Create', { step: 1, total: 1 }), 'Create');
  });
});
