/**
 * Twilio Functions projects on disk, as the serverless toolkit (`twilio serverless:deploy`,
 * twilio-run) lays them out: a folder with `functions/` and `assets/`, a `package.json` that
 * depends on the toolkit's runtime, a `.env`, and after the first deploy a `.twiliodeployinfo`.
 * The toolkit's conventions, which the rest of the extension judges `.env` files by:
 * - `twilio serverless:deploy` reads the project's `.env` (or the file `--env` names) and uploads
 *   every variable with a value as an environment variable of the service's environment, except
 *   `ACCOUNT_SID` and `AUTH_TOKEN`, which it uses as the credentials to deploy with. So the values
 *   of a Functions project's `.env` also live in Twilio, and a committed one leaks them.
 * - `.twiliodeployinfo` (JSON, written by each deploy and meant to be gitignored) maps the
 *   credential that deployed (an Account SID or API key SID, sometimes with `:region`) to
 *   `{ serviceSid, latestBuild }`: identifiers, never a secret.
 * Pure Node (no `vscode`): the CLI and the editor share it. Files are read through the guarded
 * file access, size-capped.
 */
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import type { Finding } from '../../core/detection';
import { isEnvFileSecret } from '../../core/detection';
import { decodeOrRefuse, readGuarded } from '../files/safeFs';

export const DEPLOY_INFO_FILE = '.twiliodeployinfo';
/** Far larger than any deploy info or package.json a project has; anything bigger is not read. */
export const MAX_PROJECT_FILE_BYTES = 256 * 1024;
/** The variables twilio serverless:deploy keeps for itself (its deploy credentials) instead of uploading. */
export const DEPLOY_CREDENTIAL_NAMES: readonly string[] = ['ACCOUNT_SID', 'AUTH_TOKEN'];
/** Packages only a Functions project depends on. */
const TOOLKIT_PACKAGES = ['twilio-run', '@twilio/runtime-handler', '@twilio-labs/serverless-runtime-types'];

/** One deploy `.twiliodeployinfo` remembers: who deployed, to which service. SIDs only. */
export interface DeployTarget {
  /** The Account SID or API key SID that deployed. */
  deployedWith: string;
  region?: string;
  serviceSid: string;
  latestBuild?: string;
}

export interface FunctionsProject {
  /** The project's folder (absolute). */
  folder: string;
  /** What showed it is one: its deploy info, or its package.json's dependencies. */
  via: 'deployInfo' | 'packageJson';
  /** The deploys `.twiliodeployinfo` records (empty when there is none yet). */
  deploys: DeployTarget[];
}

const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);

/** The deploys a `.twiliodeployinfo` records; entries that are not SIDs are left out. Never throws. */
export function parseDeployInfo(text: string): DeployTarget[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
  const out: DeployTarget[] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>).slice(0, 100)) {
    const [deployedWith, region] = key.split(':');
    if (!SID('AC').test(deployedWith) && !SID('SK').test(deployedWith)) continue;
    const v = value as { serviceSid?: unknown; latestBuild?: unknown } | null;
    if (!v || typeof v.serviceSid !== 'string' || !SID('ZS').test(v.serviceSid)) continue;
    out.push({
      deployedWith,
      ...(region && /^[a-z]{2}[0-9]$/.test(region) ? { region } : {}),
      serviceSid: v.serviceSid,
      ...(typeof v.latestBuild === 'string' && SID('ZB').test(v.latestBuild) ? { latestBuild: v.latestBuild } : {}),
    });
  }
  return out;
}

/** Whether a package.json is a Functions project's: it depends on the toolkit or its runtime. */
export function isFunctionsPackageJson(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (!parsed || typeof parsed !== 'object') return false;
  const p = parsed as Record<string, unknown>;
  const deps = [p.dependencies, p.devDependencies].flatMap((d) => (d && typeof d === 'object' ? Object.keys(d) : []));
  return deps.some((d) => TOOLKIT_PACKAGES.includes(d));
}

/** Whether `twilio serverless:deploy` uploads a `.env` variable of this name (when it has a value). */
export function isDeployedVariable(name: string): boolean {
  return !DEPLOY_CREDENTIAL_NAMES.includes(name);
}

async function readSmall(file: string, roots: readonly string[]): Promise<string | undefined> {
  try {
    const r = await readGuarded(file, { roots, maxBytes: MAX_PROJECT_FILE_BYTES });
    return r.exists ? decodeOrRefuse(r.bytes, file, { roots }) : undefined;
  } catch {
    // A link, a FIFO, a huge or undecodable file: not a project marker we read.
    return undefined;
  }
}

/**
 * The Functions project an env file belongs to: its own folder, when that folder holds a
 * `.twiliodeployinfo` or a package.json depending on the toolkit. Read through the guarded file
 * access within `roots` (the workspace folders, the CLI's scanned folder).
 */
export async function functionsProjectOf(envFile: string, roots: readonly string[]): Promise<FunctionsProject | undefined> {
  const folder = path.dirname(path.resolve(envFile));
  const info = await readSmall(path.join(folder, DEPLOY_INFO_FILE), roots);
  if (info !== undefined) return { folder, via: 'deployInfo', deploys: parseDeployInfo(info) };
  const pkg = await readSmall(path.join(folder, 'package.json'), roots);
  if (pkg !== undefined && isFunctionsPackageJson(pkg)) return { folder, via: 'packageJson', deploys: [] };
  return undefined;
}

/** The sentence a secret in a Functions project's env file gets: where its value goes. */
export function functionsEnvSentence(project: FunctionsProject, variable: string | undefined): string {
  const services = [...new Set(project.deploys.map((d) => d.serviceSid))];
  if (variable !== undefined && !isDeployedVariable(variable)) {
    return l10n.t('This .env belongs to a Twilio Functions project: twilio serverless:deploy deploys with {0} and does not upload it.', variable);
  }
  return services.length
    ? l10n.t('This .env belongs to a Twilio Functions project: twilio serverless:deploy uploads its values as environment variables of {0}, so rotating this secret means updating them there too.', services.join(', '))
    : l10n.t('This .env belongs to a Twilio Functions project: twilio serverless:deploy uploads its values as the service’s environment variables, so rotating this secret means updating them there too.');
}

/** Env-file secrets of a Functions project get the sentence; everything else is unchanged. */
export function noteFunctionsProject(findings: readonly Finding[], project: FunctionsProject | undefined): Finding[] {
  if (!project) return [...findings];
  return findings.map((f) => (isEnvFileSecret(f) ? { ...f, message: `${f.message}. ${functionsEnvSentence(project, f.fix.assignedTo)}` } : f));
}
