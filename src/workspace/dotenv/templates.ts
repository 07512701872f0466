/**
 * Template files (`.env.example`, `.env.sample`, `config.template`, `app.env.dist`, …) document
 * which variables an app needs and are meant to be committed. The one rule every writer goes
 * through: a template never receives a value, at most the variable name with an empty value.
 */
import type { DotenvEdit } from './edit';

const TEMPLATE_WORDS = new Set(['example', 'examples', 'sample', 'samples', 'template', 'templates', 'tmpl', 'tpl', 'dist', 'default', 'defaults', 'schema', 'skeleton']);

/** True when the file's name marks it as a template: one of its `.`/`-` separated words is "example", "sample", "template", "dist"… */
export function isTemplateFile(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().split(/[.-]/).some((w) => TEMPLATE_WORDS.has(w));
}

/**
 * The edits a template may receive: every value becomes empty, and a removal empties the value
 * instead (the template keeps documenting the name).
 */
export function templateEdits(edits: readonly DotenvEdit[]): DotenvEdit[] {
  return edits.map((e) => ('remove' in e ? { name: e.remove, value: '' } : { name: e.name, value: '' }));
}
