// Which launch configurations and tasks may receive Twilio credentials: only those the
// workspace's own launch.json and tasks.json define. Pure: no vscode import.
//
// VS Code resolves `${command:…}` by running the command with what is being resolved: a launch
// configuration (an object, some of its variables already replaced by their values) or, for a
// task, the list of its variables still to resolve (those already resolved replaced by their
// values). Anyone can run the same command with anything, so the argument is checked against the
// configurations the workspace defines: a configuration another extension built, or one no
// workspace file holds, gets nothing.

/** What a credential is asked for. */
export type LaunchTarget =
  | { kind: 'launch'; config: Readonly<Record<string, unknown>>; name: string }
  | { kind: 'task'; variables: readonly string[] };

/** The target an argument stands for, or undefined when it is neither a launch configuration nor a task's variables. */
export function launchTargetOf(arg: unknown): LaunchTarget | undefined {
  if (Array.isArray(arg)) return arg.every((v) => typeof v === 'string') ? { kind: 'task', variables: arg as string[] } : undefined;
  if (!arg || typeof arg !== 'object') return undefined;
  const config = arg as Record<string, unknown>;
  if (typeof config.type !== 'string' || typeof config.request !== 'string' || typeof config.name !== 'string') return undefined;
  return { kind: 'launch', config, name: config.name };
}

const VARIABLE = /\$\{[^}$]*\}/g;

/**
 * Whether a value written in a workspace file (`template`) could have become `actual` by VS Code
 * replacing its `${…}` variables: strings match literally outside their variables; every key of
 * an object in the file must match (VS Code and debuggers may add keys of their own); arrays match
 * element by element.
 */
export function templateMatches(template: unknown, actual: unknown): boolean {
  if (typeof template === 'string') {
    if (typeof actual !== 'string') return false;
    if (template === actual) return true;
    if (!template.includes('${')) return false;
    return wildcardMatch(template.split(VARIABLE), actual);
  }
  if (Array.isArray(template)) {
    return Array.isArray(actual) && actual.length === template.length && template.every((t, i) => templateMatches(t, actual[i]));
  }
  if (template && typeof template === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    return Object.entries(template as Record<string, unknown>).every(([k, v]) => Object.prototype.hasOwnProperty.call(a, k) && templateMatches(v, a[k]));
  }
  return template === actual;
}

/**
 * The configuration of the workspace's files that `config` was resolved from, if any. VS Code's
 * JavaScript debugger resolves the types it took over (`node`, `chrome`, `msedge`,
 * `extensionHost`) to its own `pwa-` names before the variables are resolved; that alone is not
 * a difference.
 */
export function definedLaunchConfig(defined: readonly unknown[], config: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  return defined.find((d): d is Record<string, unknown> => {
    if (!d || typeof d !== 'object' || Array.isArray(d)) return false;
    const entry = d as Record<string, unknown>;
    if (entry.name !== config.name) return false;
    const type = typeof entry.type === 'string' && config.type === `pwa-${entry.type}` ? entry.type : config.type;
    return templateMatches(entry, { ...config, type });
  });
}

/**
 * Whether a task of the workspace's files asks for this variable and every variable still to
 * resolve: the list VS Code passes when it resolves that task's variables.
 */
export function definesTaskVariables(tasks: readonly unknown[], variables: readonly string[], own: string): boolean {
  const pending = variables.filter((v) => /^\$\{[^}]*\}$/.test(v));
  if (!pending.includes(own)) return false;
  return tasks.some((t) => {
    if (!t || typeof t !== 'object') return false;
    const text = JSON.stringify(t);
    return pending.every((v) => text.includes(v));
  });
}

/** Whether a launch configuration of the workspace's files asks for this variable. */
export function asksFor(config: Readonly<Record<string, unknown>>, variable: string): boolean {
  return JSON.stringify(config).includes(variable);
}

/**
 * Whether `text` is the literal parts in order with anything between them (a variable's value).
 * Leftmost matching is exact for such patterns; no regular expression, so a hostile launch.json
 * cannot make it backtrack.
 */
function wildcardMatch(literals: readonly string[], text: string): boolean {
  const first = literals[0];
  const last = literals[literals.length - 1];
  if (literals.length === 1) return text === first;
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const part of literals.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
