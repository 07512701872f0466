// The sequencing of a multi-step input, with no UI: which step is asked next, where Back goes,
// and the "(n/total)" each step shows. Pure (no `vscode`), unit-tested; the prompts themselves
// live in multiStepInput.ts.

/**
 * One named step of a flow. `asks` says whether the step asks anything given the state so far:
 * false when an argument already answered it, or when the path chosen in an earlier step does not
 * go through it. It may depend only on the arguments and on the answers of earlier steps.
 */
export interface Step<S> {
  readonly name: string;
  asks(state: Readonly<S>): boolean;
}

/** Where a step stands: its number among the steps the user sees, their total, and whether Back is offered. */
export interface StepPosition {
  step: number;
  total: number;
  canGoBack: boolean;
}

/** What the user did at a step. */
export type StepOutcome = 'next' | 'back' | 'cancel';

/**
 * Walks the steps in order, skipping those that ask nothing. `ask` shows one step (recording its
 * answer in the state) and says what the user did: next goes on, back returns to the step answered
 * before it, cancel ends the whole flow. Resolves true once the last step is answered, false when
 * cancelled.
 */
export async function walkSteps<S, T extends Step<S>>(
  steps: readonly T[],
  state: S,
  ask: (step: T, at: StepPosition) => Promise<StepOutcome>,
): Promise<boolean> {
  const answered: number[] = [];
  let current = nextStep(steps, state, -1);
  while (current !== undefined) {
    const outcome = await ask(steps[current], stepPosition(steps, state, answered.length, current));
    if (outcome === 'cancel') return false;
    if (outcome === 'back') {
      // The first step offers no Back; should one come anyway, it stays where it is.
      current = answered.pop() ?? current;
      continue;
    }
    answered.push(current);
    current = nextStep(steps, state, current);
  }
  return true;
}

/** The index of the first step after `after` that asks something, if any. */
export function nextStep<S>(steps: readonly Step<S>[], state: S, after: number): number | undefined {
  for (let i = after + 1; i < steps.length; i++) if (steps[i].asks(state)) return i;
  return undefined;
}

/**
 * The position of step `current` once `answeredBefore` steps were answered: the total counts the
 * steps seen so far, this one and those still ahead on the path the state chose. A branch not yet
 * chosen counts as its `asks` says for the state so far (say, the first choice).
 */
export function stepPosition<S>(steps: readonly Step<S>[], state: S, answeredBefore: number, current: number): StepPosition {
  let ahead = 1;
  for (let i = current + 1; i < steps.length; i++) if (steps[i].asks(state)) ahead++;
  return { step: answeredBefore + 1, total: answeredBefore + ahead, canGoBack: answeredBefore > 0 };
}

/** "Title (2/5)", or "Title (2/5): detail"; a flow of one step shows no count. */
export function stepTitle(title: string, at: Pick<StepPosition, 'step' | 'total'>, detail?: string): string {
  const count = at.total > 1 ? ` (${at.step}/${at.total})` : '';
  return `${title}${count}${detail ? `: ${detail}` : ''}`;
}
