// Builds dist/ThirdPartyNotices.txt from esbuild metafiles: every npm package whose code ends up
// in a shipped bundle, with its version, declared licence and the licence (and NOTICE) files it
// ships. Plain CommonJS so esbuild.js can require it without a build step.
const fs = require('fs');
const path = require('path');

/** `node_modules/a/node_modules/@s/b/lib/x.js` -> `node_modules/a/node_modules/@s/b`; undefined outside node_modules. */
function packageDirOf(input) {
  const parts = input.replace(/\\/g, '/').split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const width = parts[at + 1].startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + width).join('/');
}

const LEGAL_FILE = /^(licen[cs]e|copying|notice)([-._].*)?$/i;

/** The licence and notice files at the top of a package folder, sorted by name. */
function legalFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && LEGAL_FILE.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** The "License" section of a package's README (packages that ship no licence file often keep it there). */
function readmeLicenseSection(dir) {
  const readme = fs.readdirSync(dir).find((f) => /^readme(\.md|\.markdown|\.txt)?$/i.test(f));
  if (!readme) return undefined;
  const lines = fs.readFileSync(path.join(dir, readme), 'utf8').replace(/\r\n/g, '\n').split('\n');
  const underline = (i) => i < lines.length && /^\s*[-=]{3,}\s*$/.test(lines[i]);
  // An ATX heading (`## License`) or a setext one (`License` over a line of - or =).
  const headingAt = (i) => /^#{1,6}\s/.test(lines[i]) || (lines[i].trim() !== '' && underline(i + 1));
  const start = lines.findIndex((l, i) => headingAt(i) && /^(#{1,6}\s*)?licen[cs]e\b/i.test(l.trim()));
  if (start < 0) return undefined;
  const body = start + (underline(start + 1) ? 2 : 1);
  let end = body;
  while (end < lines.length && !headingAt(end)) end++;
  const text = lines.slice(body, end).join('\n').trim();
  return text ? { file: readme, text } : undefined;
}

const MIT_TEXT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

function declaredLicense(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return 'UNKNOWN';
}

/**
 * The bundled packages, one entry per package folder, from metafiles keyed by bundle name
 * (`{ "dist/twilio.js": metafile, ... }`). Paths in a metafile are relative to `root`.
 */
function bundledPackages(metafiles, root) {
  const byDir = new Map();
  for (const [bundle, meta] of Object.entries(metafiles)) {
    for (const input of Object.keys(meta.inputs)) {
      const dir = packageDirOf(input);
      if (!dir) continue;
      if (!byDir.has(dir)) byDir.set(dir, new Set());
      byDir.get(dir).add(bundle);
    }
  }
  return [...byDir]
    .map(([dir, bundles]) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
      const files = legalFiles(path.join(root, dir));
      const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
      return {
        dir,
        name: pkg.name,
        version: pkg.version,
        license: declaredLicense(pkg),
        author,
        bundles: [...bundles].sort(),
        files,
        readmeSection: files.length === 0 ? readmeLicenseSection(path.join(root, dir)) : undefined,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version) || a.dir.localeCompare(b.dir));
}

const RULE = '='.repeat(78);

/** The text of ThirdPartyNotices.txt. */
function noticesText(metafiles, root, productName) {
  const packages = bundledPackages(metafiles, root);
  const out = [
    `${productName}: third-party notices`,
    '',
    `The bundled files (${Object.keys(metafiles).sort().join(', ')}) include code from the`,
    `following ${packages.length} npm packages, each under its own licence, reproduced below.`,
    '',
    ...packages.map((p) => `- ${p.name} ${p.version} (${p.license})`),
    '',
  ];
  for (const p of packages) {
    out.push(RULE, `${p.name} ${p.version}`, `Licence: ${p.license}`, `In: ${p.bundles.join(', ')}`, RULE, '');
    if (p.files.length === 0) {
      out.push(`The package ships no licence file; its package.json declares the licence "${p.license}"` + (p.author ? ` and the author ${p.author}.` : '.'));
      if (p.readmeSection) out.push(`Its ${p.readmeSection.file} says:`, '', p.readmeSection.text);
      else if (p.license === 'MIT') out.push('The MIT licence, whose standard text follows:', '', `Copyright (c) ${p.author ?? 'the authors'}`, '', MIT_TEXT);
      else out.push('Its licence text is not included in the package.');
      out.push('');
    }
    for (const f of p.files) {
      out.push(`--- ${f} ---`, fs.readFileSync(path.join(root, p.dir, f), 'utf8').replace(/\r\n/g, '\n').trimEnd(), '');
    }
  }
  return out.join('\n') + '\n';
}

module.exports = { packageDirOf, bundledPackages, noticesText };
