// The accuracy bar from the benchmark, kept in the unit suite so a rule change that loses
// recall or precision on the generated corpus fails here, not only in a benchmark run.
import * as assert from 'assert';
import { scanText } from '../../../src/core/detection';
import { generateCorpus } from '../../corpus/generate';

describe('generated corpus', () => {
  const files = generateCorpus(777, 3);

  it('covers at least 12 languages and formats, with positives and hard negatives', () => {
    const families = new Set(files.map((f) => f.family));
    assert.ok([...families].filter((f) => !f.startsWith('neg-')).length >= 12, [...families].join(', '));
    assert.ok([...families].filter((f) => f.startsWith('neg-')).length >= 8);
  });

  it('labels point exactly at credential-shaped values', () => {
    for (const f of files) {
      for (const l of f.labels) {
        const value = f.text.slice(l.start, l.end);
        // A base64 `Authorization: Basic` value is labelled as a whole (90 characters and `==`).
        const shown = value.length === 92 ? Buffer.from(value, 'base64').toString('latin1').replace(/^(?:AC|SK)[0-9a-f]{32}:/, '') : value;
        assert.match(shown, /^(?:AC|SK)?[0-9a-f]{32}$|^[A-Za-z0-9]{32}$/);
      }
    }
  });

  it('finds the secrets with precision 1 and recall of at least 0.97', () => {
    let tp = 0, fp = 0, fn = 0;
    for (const f of files) {
      const found = new Set(scanText(f.text, { path: f.path }).filter((x) => x.isSecret).map((x) => `${x.kind}@${x.range.start}`));
      const expected = new Set(f.labels.filter((l) => !l.kind.endsWith('-sid')).map((l) => `${l.kind}@${l.start}`));
      for (const e of expected) if (found.has(e)) tp++; else fn++;
      for (const g of found) if (!expected.has(g)) fp++;
    }
    assert.strictEqual(fp, 0, `precision ${tp}/${tp + fp}`);
    assert.ok(tp / (tp + fn) >= 0.97, `recall ${tp}/${tp + fn}`);
  });
});
