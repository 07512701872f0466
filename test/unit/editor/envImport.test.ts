// The import a "Move to .env" or "Replace Auth Token" edit adds for the environment lookup.
import * as assert from 'node:assert/strict';
import { envImportInsertion } from '../../../src/features/replace/envImport';

/** The text after the insertion. */
function apply(text: string, language: Parameters<typeof envImportInsertion>[1], eol = '\n'): string {
  const i = envImportInsertion(text, language, eol);
  return i ? text.slice(0, i.offset) + i.text + text.slice(i.offset) : text;
}

describe('the import an environment lookup needs', () => {
  it('Python: `import os` on the first line, after a shebang and an encoding line', () => {
    assert.equal(apply('x = 1\n', 'python'), 'import os\nx = 1\n');
    assert.equal(apply('#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n', 'python'), '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nimport os\nx = 1\n');
    assert.equal(apply('#!/usr/bin/env python\r\nx = 1\r\n', 'python', '\r\n'), '#!/usr/bin/env python\r\nimport os\r\nx = 1\r\n');
    assert.equal(apply('', 'python'), 'import os\n');
  });

  it('Python: nothing when os is already imported', () => {
    for (const text of ['import os\n', 'import sys, os\n', 'from os import environ\n', 'if x:\n    import os\n']) {
      assert.equal(envImportInsertion(text, 'python', '\n'), undefined, text);
    }
    assert.notEqual(envImportInsertion('import osx\n', 'python', '\n'), undefined);
  });

  it('Go: into the import block, else after the package clause', () => {
    assert.equal(apply('package main\n\nimport (\n\t"fmt"\n)\n', 'go'), 'package main\n\nimport (\n\t"os"\n\t"fmt"\n)\n');
    assert.equal(apply('package main\n\nfunc main() {}\n', 'go'), 'package main\n\nimport "os"\n\nfunc main() {}\n');
    assert.equal(apply('package main\r\n', 'go', '\r\n'), 'package main\r\n\r\nimport "os"\r\n');
    assert.equal(envImportInsertion('package main\nimport "os"\n', 'go', '\n'), undefined);
  });

  it('other languages read the environment without an import', () => {
    for (const language of ['javascript', 'typescript', 'ruby', 'java'] as const) assert.equal(envImportInsertion('x', language, '\n'), undefined);
  });
});
