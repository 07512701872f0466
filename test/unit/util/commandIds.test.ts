// The command-id table in src/core/util/commandIds.ts is the one place code names a command; the
// manifest names them too. Both lists must agree, and everything in the manifest that points at a
// command (menus, keybindings, walkthroughs, the welcome view, links in the translated strings)
// must point at one of them.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { Command } from '../../../src/core/util/commandIds';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const contributes = manifest.contributes;

const table = Object.values(Command) as string[];
const contributed: string[] = contributes.commands.map((c: { command: string }) => c.command);

/** `%key%` placeholders resolved through package.nls.json. */
const text = (s: unknown): string => (typeof s === 'string' ? s.replace(/^%(.+)%$/, (m, key: string) => nls[key] ?? m) : '');
/** The commands a markdown text links to (`command:id` or `command:id?args`). */
const linked = (s: string): string[] => [...s.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);

describe('command ids: the table and package.json', () => {
  it('the table lists each contributed command, and only those', () => {
    assert.deepEqual([...table].sort(), [...contributed].sort());
    assert.equal(new Set(table).size, table.length, 'no id twice in the table');
    assert.equal(new Set(contributed).size, contributed.length, 'no command contributed twice');
  });

  it('each table entry is named after its id', () => {
    for (const [name, id] of Object.entries(Command)) assert.equal(id, `twilioCredentials.${name}`);
  });

  it('menus and keybindings name only known commands', () => {
    const referenced: string[] = [];
    for (const entries of Object.values(contributes.menus ?? {}) as Array<Array<{ command?: string; alt?: string }>>) {
      for (const e of entries) referenced.push(...[e.command, e.alt].filter((c): c is string => !!c));
    }
    for (const k of (contributes.keybindings ?? []) as Array<{ command: string }>) referenced.push(k.command.replace(/^-/, ''));
    assert.ok(referenced.length > 0, 'the menus are read');
    assert.deepEqual(referenced.filter((c) => !table.includes(c)), []);
  });

  it('walkthroughs, the welcome view and their links name only known commands', () => {
    const referenced: string[] = [];
    for (const w of contributes.walkthroughs ?? []) {
      for (const step of w.steps ?? []) {
        referenced.push(...linked(text(step.description)));
        for (const e of step.completionEvents ?? []) if (e.startsWith('onCommand:')) referenced.push(e.slice('onCommand:'.length));
      }
    }
    for (const v of contributes.viewsWelcome ?? []) referenced.push(...linked(text(v.contents)));
    assert.ok(referenced.length > 0, 'the walkthrough and welcome view are read');
    assert.deepEqual(referenced.filter((c) => !table.includes(c)), []);
  });

  it('every translated string that links a command links a known one', () => {
    const unknown = Object.entries(nls).flatMap(([key, s]) => linked(s).filter((c) => !table.includes(c)).map((c) => `${key}: ${c}`));
    assert.deepEqual(unknown, []);
  });

  it('explicit onCommand activation events name known commands', () => {
    const events = (manifest.activationEvents as string[]).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length));
    assert.deepEqual(events.filter((c) => !table.includes(c)), []);
  });
});
