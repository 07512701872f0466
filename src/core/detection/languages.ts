// What kind of file a text comes from. The engine does not parse languages; it uses the
// language only to (a) describe a fix (how to read an environment variable there) and (b) give
// `.env` files and tests their own severity. Paths are treated as POSIX or Windows alike.

export type LanguageId =
  | 'javascript' | 'typescript' | 'python' | 'ruby' | 'php' | 'java' | 'kotlin' | 'csharp'
  | 'go' | 'swift' | 'shellscript' | 'yaml' | 'json' | 'jupyter' | 'properties' | 'ini'
  | 'toml' | 'dotenv' | 'xml' | 'markdown' | 'dockerfile' | 'plaintext';

/** Where a file sits, which decides how loud a finding in it is. */
export type FileRole = 'source' | 'test' | 'env-file';

const BY_EXTENSION: Record<string, LanguageId> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescript',
  py: 'python', pyw: 'python', rb: 'ruby', rake: 'ruby', gemspec: 'ruby', php: 'php',
  java: 'java', kt: 'kotlin', kts: 'kotlin', cs: 'csharp', go: 'go', swift: 'swift',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', ps1: 'shellscript',
  yml: 'yaml', yaml: 'yaml', json: 'json', jsonc: 'json', json5: 'json', ipynb: 'jupyter',
  properties: 'properties', ini: 'ini', cfg: 'ini', conf: 'ini', toml: 'toml',
  xml: 'xml', config: 'xml', csproj: 'xml', md: 'markdown', markdown: 'markdown',
  txt: 'plaintext', env: 'dotenv',
};

/** VS Code language ids mapped onto the families above. */
const BY_LANGUAGE_ID: Record<string, LanguageId> = {
  javascript: 'javascript', javascriptreact: 'javascript', typescript: 'typescript',
  typescriptreact: 'typescript', python: 'python', ruby: 'ruby', php: 'php', java: 'java',
  kotlin: 'kotlin', csharp: 'csharp', go: 'go', swift: 'swift', shellscript: 'shellscript',
  yaml: 'yaml', dockercompose: 'yaml', json: 'json', jsonc: 'json', jupyter: 'jupyter',
  properties: 'properties', 'java-properties': 'properties', ini: 'ini', toml: 'toml',
  dotenv: 'dotenv', env: 'dotenv', xml: 'xml', markdown: 'markdown', dockerfile: 'dockerfile',
  plaintext: 'plaintext',
};

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

/**
 * Is this name an env file's? `.env`, `.env.local`, `.env.production`, `prod.env`, `.envrc`
 * (direnv), but not a program or data file that merely starts with `.env` (`.env.js`,
 * `config.env.ts`, `.env.json` are JavaScript, TypeScript, JSON: the last extension decides when
 * it is a language's) and not the committed templates of one (`.env.example`, `.env.sample`…).
 */
function envFileName(name: string): 'env' | 'envrc' | undefined {
  if (name === '.envrc') return 'envrc';
  if (!(name === '.env' || name.startsWith('.env.') || name.endsWith('.env'))) return undefined;
  const dot = name.lastIndexOf('.');
  const ext = name.slice(dot + 1);
  if (dot > 0 && ext !== 'env' && BY_EXTENSION[ext] !== undefined) return undefined;
  return 'env';
}

/** `.env`, `.env.local`, `prod.env`, `.envrc`… but not `.env.js` nor the committed templates of one. */
export function isDotenvPath(path: string): boolean {
  const name = baseName(path).toLowerCase();
  return envFileName(name) !== undefined && !isEnvTemplateName(name);
}

function isEnvTemplateName(name: string): boolean {
  return /(^|\.)(example|sample|template|dist|defaults?|tpl|schema)($|\.)/.test(name.replace(/^\.env/, ''));
}

/** How much of a file is read to decide whether it is made of `KEY=VALUE` lines. */
const ENV_FORMAT_WINDOW = 64 * 1024;
const ENV_LINE = /^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \t]*=/;

/**
 * True when `text` reads as an env file: every line (of the first 64 KB) is blank, a `#`
 * comment, or `KEY=VALUE` (optionally `export KEY=VALUE`), a quoted value may run over several
 * lines as dotenv allows. A `.env` that holds JavaScript or YAML is not one, whatever its name.
 */
export function isEnvFormat(text: string): boolean {
  const head = text.length > ENV_FORMAT_WINDOW ? text.slice(0, text.lastIndexOf('\n', ENV_FORMAT_WINDOW) + 1 || ENV_FORMAT_WINDOW) : text;
  let open = ''; // the quote of a value still open from an earlier line
  for (const raw of head.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    let line = raw;
    if (open) {
      const close = line.indexOf(open);
      if (close < 0) continue;
      line = line.slice(close + 1);
      open = '';
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const m = ENV_LINE.exec(line);
    // `module.exports = {…};`, `x = [` : code that happens to start like an assignment.
    if (!m || /[;{[(,]$/.test(trimmed)) return false;
    const value = line.slice(m[0].length).trimStart();
    const q = value[0];
    if ((q === '"' || q === "'" || q === '`') && value.indexOf(q, 1) < 0) open = q;
  }
  return true;
}

/** Language of a document, from the editor's language id when there is one, else the path. */
export function detectLanguage(path?: string, languageId?: string): LanguageId {
  const path_ = path ?? '';
  const name = baseName(path_).toLowerCase();
  const env = envFileName(name);
  if (env === 'env') return 'dotenv';
  if (languageId && BY_LANGUAGE_ID[languageId]) return BY_LANGUAGE_ID[languageId];
  if (env === 'envrc') return 'shellscript';
  if (name === 'dockerfile' || name.endsWith('.dockerfile')) return 'dockerfile';
  if (name === 'gemfile' || name === 'rakefile') return 'ruby';
  const dot = name.lastIndexOf('.');
  if (dot >= 0) {
    const lang = BY_EXTENSION[name.slice(dot + 1)];
    if (lang) return lang;
  }
  return 'plaintext';
}

const TEST_PATH = /(^|[\\/])(tests?|__tests__|__mocks__|specs?|fixtures?|testdata|test-data|test_data|mocks?|e2e)([\\/])|[._-](test|spec)\.[a-z0-9]+$|_test\.go$|(^|[\\/])test_[^\\/]*\.py$|_spec\.rb$|Tests?\.(java|kt|cs|swift)$/i;

/** Paths that look like tests or fixtures: findings there are real but less urgent. */
export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

/**
 * Where a file sits. An env file is one by its name (see isDotenvPath) and, when the text is
 * given, by its format (isEnvFormat): a `.env.js` is JavaScript, a `.env` holding a script is
 * source, and a secret in either is a hardcoded secret.
 */
export function fileRole(path?: string, text?: string): FileRole {
  if (!path) return 'source';
  // `.envrc` is direnv's shell file (`export X=…`, `dotenv`, `layout python`): an env file by
  // name, its purpose being to set the folder's environment.
  if (isDotenvPath(path) && (text === undefined || baseName(path).toLowerCase() === '.envrc' || isEnvFormat(text))) return 'env-file';
  if (isTestPath(path)) return 'test';
  return 'source';
}

const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock',
  'bun.lockb', 'composer.lock', 'gemfile.lock', 'cargo.lock', 'poetry.lock', 'pipfile.lock',
  'go.sum', 'packages.lock.json', 'podfile.lock', 'package.resolved', 'mix.lock', 'pubspec.lock',
  'flake.lock', 'gradle.lockfile', 'deno.lock', 'uv.lock', 'pdm.lock', 'conda-lock.yml',
]);

/**
 * Lockfiles are full of integrity hashes and generated by tools; nobody pastes a secret in one.
 * Skipped by name, which is cheaper and surer than judging thousands of hashes.
 */
export function isLockfile(path: string): boolean {
  const name = baseName(path).toLowerCase();
  return LOCKFILES.has(name) || name.endsWith('.lock') || name.endsWith('.lockfile');
}

/** How a program in `language` reads environment variable `name`, for a quick fix. */
export function envLookup(language: LanguageId, name: string): string | undefined {
  switch (language) {
    case 'javascript': case 'typescript': return `process.env.${name}`;
    case 'python': case 'jupyter': return `os.environ["${name}"]`;
    case 'ruby': return `ENV["${name}"]`;
    case 'php': return `getenv('${name}')`;
    case 'java': case 'kotlin': return `System.getenv("${name}")`;
    case 'csharp': return `Environment.GetEnvironmentVariable("${name}")`;
    case 'go': return `os.Getenv("${name}")`;
    case 'swift': return `ProcessInfo.processInfo.environment["${name}"]`;
    case 'shellscript': case 'yaml': case 'dockerfile': return `\${${name}}`;
    default: return undefined;
  }
}
