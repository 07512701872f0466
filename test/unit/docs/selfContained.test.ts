// The repository stands on its own: no code, script or document points at files beside it (the
// folder the project was started from held notes and Twilio's OpenAPI files; what the project
// needs from them lives in docs/ and test/contract/spec/).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');
// Spelled in two parts so this file does not match itself.
const OUTSIDE = new RegExp(['\\.\\.', '[\\\\/]shared\\b'].join(''));

describe('The repository stands on its own', function () {
  this.timeout(30_000); // reads every tracked file
  it('no tracked file refers to the folder beside the repository', function () {
    let files: string[];
    try {
      files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
    } catch {
      this.skip(); // not a git checkout (an unpacked archive): nothing to list
    }
    assert.ok(files.length > 50, `${files.length} tracked files`);
    const hits: string[] = [];
    for (const f of files) {
      let text: string;
      try {
        text = fs.readFileSync(path.join(root, f), 'utf8');
      } catch {
        continue; // deleted in the work tree
      }
      text.split('\n').forEach((line, i) => {
        if (OUTSIDE.test(line)) hits.push(`${f}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepStrictEqual(hits, []);
  });
});
