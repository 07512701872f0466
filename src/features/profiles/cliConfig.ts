/**
 * Reading twilio-cli's `config.json` (pure: the caller reads the file and passes its text).
 *
 * Shapes, from twilio-cli-core's config service:
 * - `profiles: { "<id>": { accountSid, region, edge, apiKey, apiSecret } }`: since cli-core 6 the
 *   key and its secret are stored here in plain text.
 * - `projects: [{ id, accountSid, region }]`: the historical list; credentials live in the system
 *   keychain (service "twilio-cli"). A profile id present in both is read from `profiles`.
 * - `activeProject: "<id>"` names the active profile; when it names none, the CLI falls back to
 *   the first of `projects` (never to a `profiles` entry).
 * - A top-level `edge` applies to every profile without its own.
 * Profiles whose key or secret is missing are reported as "secret not in file" rather than as
 * broken: older CLIs kept it in the keychain, which only the CLI itself can read back.
 *
 * Messages are user-facing and never contain a secret; values the user can see anyway (profile
 * ids) may appear.
 */
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { validateAccountSid, validateApiKeySecret, validateApiKeySid, validateAuthToken, validateEdge, validateRegion } from '../../core/validation';

export interface CliProfile {
  id: string;
  accountSid?: string;
  region?: string;
  /** The profile's own edge, or the config's top-level edge. */
  edge?: string;
  apiKey?: string;
  apiSecret?: string;
  /** Where the entry came from: the current `profiles` map or the historical `projects` list. */
  source: 'profiles' | 'projects';
  active: boolean;
  /** The API key and its secret are both in the file (otherwise: keychain or missing). */
  secretInFile: boolean;
  /** The profile authenticates with the Account SID and Auth Token instead of an API key. */
  usesAuthToken: boolean;
  /** Why the profile cannot be used as it is; empty when usable. */
  problems: string[];
  /** Odd but usable: unknown region or edge. */
  warnings: string[];
}

export interface CliConfig {
  profiles: CliProfile[];
  activeProfileId?: string;
  /** Config-level notes, e.g. an active profile id that names no profile. */
  warnings: string[];
}

export type CliConfigResult = { ok: true; config: CliConfig } | { ok: false; message: string };

export function secretNotInFile(): string {
  return l10n.t('The API key secret is not in the twilio-cli config file (older twilio-cli versions keep it in the system keychain). Run "twilio login" to store it in the file, or enter the key here.');
}

/** twilio-cli's config folder: `TWILIO_CONFIG_DIR`, else `~/.twilio-cli` (HOME, then USERPROFILE, as the CLI does). */
export function configDir(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  if (env.TWILIO_CONFIG_DIR) return env.TWILIO_CONFIG_DIR;
  return path.join(env.HOME || env.USERPROFILE || homedir, '.twilio-cli');
}

export function configPath(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  return path.join(configDir(env, homedir), 'config.json');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A trimmed non-empty string, as the CLI sanitizes its inputs. */
function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Line and column of a JSON syntax error, without quoting the content (it may hold secrets). */
function jsonErrorPosition(source: string, e: unknown): string {
  // Only V8's own "… in JSON at position N" ending: its other messages quote a snippet of the
  // file, which may itself say "position 5".
  const m = / at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(e instanceof Error ? e.message : '');
  if (!m || Number(m[1]) > source.length) return '';
  const before = source.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return l10n.t(' (line {0}, column {1})', line, column);
}

function readProfile(
  id: string,
  raw: unknown,
  source: CliProfile['source'],
  globalEdge: string | undefined,
): CliProfile {
  const fields = isRecord(raw) ? raw : {};
  const profile: CliProfile = {
    id,
    accountSid: text(fields.accountSid),
    region: text(fields.region),
    edge: text(fields.edge) ?? globalEdge,
    apiKey: text(fields.apiKey),
    apiSecret: text(fields.apiSecret),
    source,
    active: false,
    secretInFile: false,
    usesAuthToken: false,
    problems: [],
    warnings: [],
  };
  if (!isRecord(raw)) {
    profile.problems.push(l10n.t('Profile "{0}" is not an object in the config file.', id));
    return profile;
  }

  if (!profile.accountSid) profile.problems.push(l10n.t('Profile "{0}" has no Account SID.', id));
  else {
    const m = validateAccountSid(profile.accountSid);
    if (m) profile.problems.push(l10n.t('Profile "{0}": {1}', id, m));
  }

  profile.usesAuthToken = profile.apiKey !== undefined && profile.apiKey === profile.accountSid;
  if (!profile.apiKey || !profile.apiSecret) {
    profile.problems.push(secretNotInFile());
  } else {
    profile.secretInFile = true;
    // A hand-written profile may hold the Account SID and Auth Token (as the CLI's own
    // environment-variable profile does) instead of a key.
    const keyProblem = profile.usesAuthToken ? undefined : validateApiKeySid(profile.apiKey);
    const secretProblem = profile.usesAuthToken ? validateAuthToken(profile.apiSecret) : validateApiKeySecret(profile.apiSecret);
    if (keyProblem) profile.problems.push(l10n.t('Profile "{0}": {1}', id, keyProblem));
    if (secretProblem) {
      profile.problems.push(
        profile.usesAuthToken
          ? l10n.t('Profile "{0}": the stored Auth Token has the wrong shape.', id)
          : l10n.t('Profile "{0}": the stored API key secret has the wrong shape.', id),
      );
    }
  }

  if (profile.region && validateRegion(profile.region)) profile.warnings.push(l10n.t('Profile "{0}" uses an unknown region.', id));
  if (profile.edge && validateEdge(profile.edge)) profile.warnings.push(l10n.t('Profile "{0}" uses an unknown edge.', id));
  return profile;
}

/** Parses the text of `config.json`. An empty file reads as a config with no profiles. */
export function parseCliConfig(source: string): CliConfigResult {
  const body = source.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: true, config: { profiles: [], warnings: [] } };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    return { ok: false, message: l10n.t('The twilio-cli config file is not valid JSON{0}.', jsonErrorPosition(body, e)) };
  }
  if (!isRecord(data)) return { ok: false, message: l10n.t('The twilio-cli config file does not hold a JSON object.') };

  const warnings: string[] = [];
  const globalEdge = text(data.edge);
  const profiles: CliProfile[] = [];

  if (data.profiles !== undefined && data.profiles !== null) {
    if (isRecord(data.profiles)) {
      for (const [rawId, raw] of Object.entries(data.profiles)) {
        const id = rawId.trim();
        if (id === '') continue;
        profiles.push(readProfile(id, raw, 'profiles', globalEdge));
      }
    } else {
      warnings.push(l10n.t('The "profiles" entry of the twilio-cli config file is not an object; it was skipped.'));
    }
  }

  if (data.projects !== undefined && data.projects !== null) {
    if (Array.isArray(data.projects)) {
      // A set, not profiles.some(): a list of 200k projects took minutes.
      const ids = new Set(profiles.map((p) => p.id));
      for (const raw of data.projects) {
        const id = isRecord(raw) ? text(raw.id) : undefined;
        if (!id) {
          warnings.push(l10n.t('A profile in the "projects" list of the twilio-cli config file has no id; it was skipped.'));
          continue;
        }
        if (ids.has(id)) continue;
        ids.add(id);
        profiles.push(readProfile(id, raw, 'projects', globalEdge));
      }
    } else {
      warnings.push(l10n.t('The "projects" entry of the twilio-cli config file is not a list; it was skipped.'));
    }
  }

  const requested = text(data.activeProject);
  let active = requested ? profiles.find((p) => p.id === requested) : undefined;
  if (requested && !active) warnings.push(l10n.t('The active twilio-cli profile "{0}" is not in the config file.', requested));
  if (!active) active = profiles.find((p) => p.source === 'projects');
  const config: CliConfig = { profiles, warnings };
  if (active) {
    active.active = true;
    config.activeProfileId = active.id;
  }
  return { ok: true, config };
}

/** Profiles the extension can import as they are: valid account, key and secret all in the file. */
export function usableProfiles(config: CliConfig): CliProfile[] {
  return config.profiles.filter((p) => p.problems.length === 0);
}
