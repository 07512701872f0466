// Which calls of a command come from this extension itself. Every command is public: any
// extension can run it with any argument. The extension tells its own calls apart by identity,
// never by content: an argument object counts as its own only if this module saw it being made
// (a tree row the tree drew, the arguments of a CodeLens, code action or tree-item command it
// built, the argument of one of its own composite flows). The set lives in this module's scope,
// which only this extension's bundle reaches; nothing here is exported from the bundle, and the
// tests get `ours` through the test API, which exists only when VS Code runs the extension in
// test mode (src/extension.ts). A copy of one of these objects, however exact, is not one of them.

const made = new WeakSet<object>();

/**
 * Marks an argument object as this extension's own and returns it. For the arguments of its own
 * composite flows (made and passed at once, never shown to anyone), and for tree rows.
 */
export function ours<T extends object>(arg: T): T {
  made.add(arg);
  return arg;
}

/**
 * The arguments of a command this extension puts in its UI (CodeLens, code action, tree item):
 * frozen, because VS Code hands these very objects to any extension that asks for the document's
 * CodeLens or code actions. Such a caller can run them, which does what a click does, but cannot
 * add a field to them. So these arguments never carry `confirm` or any other field that skips a
 * modal showing what will happen: every such modal is still shown after a click.
 */
export function ourUiArgs<T extends object>(arg: T): Readonly<T> {
  return ours(Object.freeze(arg));
}

/** Whether the first argument of a call is one this extension made. */
export function isOurs(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && made.has(arg);
}
