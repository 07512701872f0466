// SecretStorage has one owner: AccountStore. Nothing else in src/ reaches it, so "where may a
// secret be read or written" has one answer. Checked on the source text, as the code map is.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Source files of src/ whose code (comments removed) matches `re`. */
function using(re: RegExp): string[] {
  return sources('src').filter((f) => re.test(fs.readFileSync(path.join(root, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
}

describe('SecretStorage ownership', () => {
  it('only AccountStore uses the SecretStore', () => {
    assert.deepStrictEqual(using(/from '[^']*\/secretStore'/), ['src/services/accountStore.ts']);
  });

  it("only the store's files take a vscode.SecretStorage, and only activate() hands context.secrets over", () => {
    assert.deepStrictEqual(using(/\bvscode\.SecretStorage\b/), ['src/services/accountStore.ts', 'src/services/secretStore.ts']);
    assert.deepStrictEqual(using(/context\.secrets/), ['src/extension.ts']);
  });

  it('Services does not carry the ExtensionContext (a way around the store)', () => {
    assert.doesNotMatch(fs.readFileSync(path.join(root, 'src/services/services.ts'), 'utf8'), /ExtensionContext|\bcontext\b/);
  });
});
