import * as vscode from 'vscode';
import { Cancelled } from './commands';
import { walkSteps, Step, StepPosition, stepTitle } from '../core/util/steps';

/** What an input step shows. A `password` input always opens empty: a secret is never shown back. */
export interface StepInputOptions {
  prompt: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Title text after the step count, e.g. the account the flow is for. */
  detail?: string;
  /** A message while the value is not acceptable; the step cannot be answered until it is. */
  validate?: (value: string) => string | undefined;
}

export interface StepPickOptions<T> {
  placeholder?: string;
  detail?: string;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** The item to focus (single choice) or tick (many): the earlier answer when the user came back. */
  chosen?: (item: T) => boolean;
}

/**
 * The prompts a step may show, one per step. Each is titled with the flow's title and the step's
 * position, offers Back after the first step, and survives focus moving elsewhere. Back and Escape
 * reach the flow, not the step: a step only records its answer.
 */
export interface StepPrompts {
  input(opts: StepInputOptions): Promise<string>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], opts: StepPickOptions<T>): Promise<T>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], opts: StepPickOptions<T>): Promise<readonly T[]>;
}

/** A named step: `asks` (see Step) and `run`, which shows its prompt and records the answer in the state. */
export interface InputStep<S> extends Step<S> {
  run(prompts: StepPrompts, state: S): Promise<void>;
}

/**
 * Runs the steps of a flow titled `title` over `state`, which holds the answers (and any given by
 * argument, whose steps then ask nothing). Escape at any step cancels the whole flow (Cancelled).
 */
export async function runSteps<S>(title: string, steps: readonly InputStep<S>[], state: S): Promise<S> {
  const prompts = new QuickInputPrompts(title);
  try {
    const done = await walkSteps(steps, state, async (step, at) => {
      prompts.at = at;
      try {
        await step.run(prompts, state);
        return 'next';
      } catch (e) {
        if (e instanceof WentBack) return 'back';
        if (e instanceof Cancelled) return 'cancel';
        throw e;
      }
    });
    if (!done) throw new Cancelled();
    return state;
  } finally {
    prompts.close();
  }
}

class WentBack extends Error {
  constructor() {
    super('back');
  }
}

class QuickInputPrompts implements StepPrompts {
  at: StepPosition = { step: 1, total: 1, canGoBack: false };
  private shown?: vscode.QuickInput;

  constructor(private readonly title: string) {}

  input(o: StepInputOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    box.prompt = o.prompt;
    box.placeholder = o.placeholder;
    box.password = !!o.password;
    box.value = o.password ? '' : (o.value ?? '');
    if (box.value && o.validate) box.validationMessage = o.validate(box.value);
    return this.show<string>(box, o.detail, (answer) => [
      box.onDidChangeValue((v) => (box.validationMessage = o.validate?.(v))),
      box.onDidAccept(() => {
        const message = o.validate?.(box.value);
        box.validationMessage = message;
        if (!message) answer(box.value);
      }),
    ]);
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], o: StepPickOptions<T>): Promise<T> {
    const qp = this.quickPick(items, o, false);
    return this.show<T>(qp as vscode.QuickPick<vscode.QuickPickItem>, o.detail, (answer) => [
      qp.onDidAccept(() => {
        const [item] = qp.selectedItems.length ? qp.selectedItems : qp.activeItems;
        if (item) answer(item);
      }),
    ]);
  }

  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], o: StepPickOptions<T>): Promise<readonly T[]> {
    const qp = this.quickPick(items, o, true);
    return this.show<readonly T[]>(qp as vscode.QuickPick<vscode.QuickPickItem>, o.detail, (answer) => [qp.onDidAccept(() => answer(qp.selectedItems))]);
  }

  close(): void {
    this.shown?.dispose();
    this.shown = undefined;
  }

  private quickPick<T extends vscode.QuickPickItem>(items: readonly T[], o: StepPickOptions<T>, many: boolean): vscode.QuickPick<T> {
    const qp = vscode.window.createQuickPick<T>();
    qp.items = items;
    qp.canSelectMany = many;
    qp.placeholder = o.placeholder;
    qp.matchOnDescription = !!o.matchOnDescription;
    qp.matchOnDetail = !!o.matchOnDetail;
    const chosen = o.chosen ? items.filter(o.chosen) : [];
    if (chosen.length) {
      if (many) qp.selectedItems = chosen;
      else qp.activeItems = chosen.slice(0, 1);
    }
    return qp;
  }

  /** Shows `q` in place of the previous step's prompt and settles with its answer, Back or Escape. */
  private show<R>(q: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, detail: string | undefined, listen: (answer: (r: R) => void) => vscode.Disposable[]): Promise<R> {
    q.title = stepTitle(this.title, this.at, detail);
    q.ignoreFocusOut = true;
    q.buttons = this.at.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    const listeners: vscode.Disposable[] = [];
    return new Promise<R>((resolve, reject) => {
      listeners.push(
        ...listen(resolve),
        q.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) reject(new WentBack());
        }),
        // Escape, or the prompt closed by anything but the next step: the flow ends.
        q.onDidHide(() => reject(new Cancelled())),
      );
      // The next prompt replaces this one in place, so the widget does not flicker between steps.
      this.shown?.dispose();
      this.shown = q;
      q.show();
    }).finally(() => listeners.forEach((l) => l.dispose()));
  }
}
