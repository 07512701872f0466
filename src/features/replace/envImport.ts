// The import an environment lookup needs (`import os` in Python, "os" in Go), as a text insertion.
// Pure: no `vscode`; the quick fixes turn the offset into a position.
import type { LanguageId } from '../../core/detection';

export interface Insertion {
  /** Where to insert, as an offset into the text. */
  offset: number;
  text: string;
}

/** Python's "is os imported?": `import os`, `import sys, os`, `from os import environ`, indented or not. */
// Indentation is [ \t\f]*, not \s*: with /m, \s* ran from every line start of a long run of
// blank lines to its end (quadratic; a file with 1 MB of them froze the quick fix).
export const PYTHON_IMPORTS_OS = /^[ \t\f]*import\s+os\b|^[ \t\f]*import\s+[\w.]+\s*,\s*os\b|^[ \t\f]*from\s+os\s+import\s+environ/m;

/**
 * The import `language`'s environment lookup needs when `text` lacks it, or undefined: `import os`
 * for Python (after a shebang or encoding line), `"os"` for Go (into the import block, else after
 * the package clause). `eol` is the document's line break.
 */
export function envImportInsertion(text: string, language: LanguageId, eol: string): Insertion | undefined {
  if (language === 'python') {
    if (PYTHON_IMPORTS_OS.test(text)) return undefined;
    // After a shebang, encoding line or module docstring would be nicer; the first line is always valid.
    let offset = 0;
    const line = /([^\r\n]*)(?:\r\n|\r|\n)?/y;
    while (offset < text.length) {
      line.lastIndex = offset;
      const m = line.exec(text)!;
      if (!/^#!|^#.*coding[:=]/.test(m[1])) break;
      offset += m[0].length;
    }
    return { offset, text: `import os${eol}` };
  }
  if (language === 'go') {
    if (/"os"/.test(text)) return undefined;
    const block = /^import\s*\(\s*$/m.exec(text);
    if (block) return { offset: block.index + block[0].length, text: `${eol}\t"os"` };
    const pkg = /^package\s+\w+.*$/m.exec(text);
    return { offset: pkg ? pkg.index + pkg[0].length : 0, text: `${eol}${eol}import "os"` };
  }
  return undefined;
}
