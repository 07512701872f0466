// SARIF 2.1.0 output, for GitHub code scanning and every other SARIF consumer. Tests validate it
// with Microsoft's SARIF Multitool (`sarif-multitool validate`), which checks the schema and the
// spec's rules (URIs, regions, rule references…).
//
// - One rule per finding kind, with a description, help text and a help URI.
// - `partialFingerprints` from our value fingerprint and the file's path, so code scanning keeps
//   one alert per secret per file across runs however the lines around it move.
// - Levels from severities; regions 1-based; artifact URIs relative to the scan root (the
//   current directory) under `uriBaseId` `%SRCROOT%`, which `originalUriBaseIds` resolves.
// - Skipped files and folders as `toolExecutionNotifications` of the invocation.
// - Suppressed findings (inline marker, ignore file, baseline) as results with `suppressions`
//   (`inSource` / `external`, status `accepted`, a justification), so that SARIF viewers list
//   them as suppressed. A suppression that a scanned range added itself does not hold: that
//   result is open, its message says so, and `properties.suppressionsAddedInRange` lists them.
//
// The value itself never appears: only the finding's redacted message and its fingerprint.

import { pathToFileURL } from 'url';
import type * as Sarif from 'sarif';
import { ReportedFinding } from './output';
import { SKIP_REASON_TEXT, SkippedEntry } from './source';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/twilio-credentials/vscode-twilio-credentials';
const HELP_URI = `${INFORMATION_URI}#hardcoded-credentials`;
export const FINGERPRINT_KEY = 'twilioCredentialsValueInFile/v1';

interface RuleText {
  name: string;
  short: string;
  full: string;
  help: string;
}

/** The finding kinds of the detection engine, in a fixed order (rule indices depend on it). */
const RULES: ReadonlyArray<[string, RuleText]> = [
  ['twilio-auth-token', {
    name: 'HardcodedTwilioAuthToken',
    short: 'Hardcoded Twilio Auth Token',
    full: 'A Twilio Auth Token is written in the source. Anyone who reads it can act as the account: send messages, make calls, read data, create keys.',
    help: 'Rotate the Auth Token in the Twilio Console (a value that was committed stays in git history), then read it from the environment (TWILIO_AUTH_TOKEN) or, better, use an API key. Accepted values can be listed by fingerprint in .twilio-credentials-ignore or a --baseline file.',
  }],
  ['twilio-api-key-secret', {
    name: 'HardcodedTwilioApiKeySecret',
    short: 'Hardcoded Twilio API key secret',
    full: 'A Twilio API key secret is written in the source. With its key SID it authenticates as the account, within the key\'s permissions.',
    help: 'Delete the API key in the Twilio Console and create a new one (a value that was committed stays in git history), then read the secret from the environment (TWILIO_API_SECRET).',
  }],
  ['twilio-account-sid', {
    name: 'TwilioAccountSid',
    short: 'Twilio Account SID',
    full: 'A Twilio Account SID. It is an identifier, not a secret; it is reported as context for the secrets near it.',
    help: 'No action needed for the SID itself. Reading it from the environment (TWILIO_ACCOUNT_SID) keeps configuration in one place.',
  }],
  ['twilio-api-key-sid', {
    name: 'TwilioApiKeySid',
    short: 'Twilio API key SID',
    full: 'A Twilio API key SID. It is an identifier, not a secret; it is reported as context for the secrets near it.',
    help: 'No action needed for the SID itself. Reading it from the environment (TWILIO_API_KEY) keeps configuration in one place.',
  }],
];

function level(severity: string): Sarif.Result.level {
  switch (severity) {
    case 'error': return 'error';
    case 'warning': return 'warning';
    default: return 'note'; // information, hint
  }
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function relativeUri(relativePath: string): string {
  return relativePath.split('/').map((s) => encodeURIComponent(s)).join('/');
}

export interface SarifOptions {
  /** The scan root (the current directory): `%SRCROOT%`. */
  root: string;
  version: string;
  /** Whether a baseline was used: results are then marked `baselineState` `new` or (in it) `unchanged`. */
  baselineUsed: boolean;
  /** False when the scan could not complete (`--strict` with skips). */
  executionSuccessful: boolean;
}

export function toSarif(findings: readonly ReportedFinding[], skipped: readonly SkippedEntry[], opts: SarifOptions): Sarif.Log {
  const ruleIndex = new Map<string, number>();
  const rules: Sarif.ReportingDescriptor[] = RULES.map(([id, text], i) => {
    ruleIndex.set(id, i);
    return ruleDescriptor(id, text);
  });
  // A kind the engine learns later still gets a rule of its own.
  for (const f of findings) {
    if (ruleIndex.has(f.kind)) continue;
    ruleIndex.set(f.kind, rules.length);
    rules.push(ruleDescriptor(f.kind, { name: f.kind, short: f.kind, full: f.kind, help: 'See the documentation.' }));
  }

  const results: Sarif.Result[] = findings.map((f) => {
    const result: Sarif.Result = {
      ruleId: f.kind,
      ruleIndex: ruleIndex.get(f.kind)!,
      level: level(f.severity),
      message: { text: f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: relativeUri(f.path), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      }],
      partialFingerprints: { [FINGERPRINT_KEY]: `${f.fingerprint}:${f.path}` },
      properties: { fingerprint: f.fingerprint, severity: f.severity },
    };
    if (opts.baselineUsed) result.baselineState = f.inBaseline ? 'unchanged' : 'new';
    if (f.commit) result.properties = { ...result.properties, commit: f.commit, authorDate: f.authorDate, presentAtHead: f.presentAtHead };
    // Suppressed results stay, marked, so that viewers list them as suppressed rather than lose them.
    if (f.suppressions?.length) {
      result.suppressions = f.suppressions.map((s) => ({ kind: s.kind, status: 'accepted', justification: s.justification }));
    }
    // A suppression the scanned range added itself does not hold: the result is open, and says so.
    if (f.suppressionsAddedInRange?.length) {
      const why = f.suppressionsAddedInRange.map((s) => s.justification).join('; ');
      result.message = { text: `${f.message}. Not suppressed: ${why} (suppressions count from the range's base).` };
      result.properties = { ...result.properties, suppressionsAddedInRange: f.suppressionsAddedInRange.map((s) => ({ ...s })) };
    }
    return result;
  });

  const notifications: Sarif.Notification[] = skipped.map((s) => ({
    level: 'warning',
    descriptor: { id: `skipped/${s.reason}` },
    message: { text: `Skipped ${s.path}: ${SKIP_REASON_TEXT[s.reason]}${s.detail ? ` (${s.detail})` : ''}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(s.path), uriBaseId: '%SRCROOT%' } } }],
  }));

  const rootUri = pathToFileURL(opts.root).href;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'twilio-credentials',
          version: opts.version,
          semanticVersion: opts.version,
          informationUri: INFORMATION_URI,
          rules,
        },
      },
      originalUriBaseIds: {
        '%SRCROOT%': { uri: rootUri.endsWith('/') ? rootUri : rootUri + '/', description: { text: 'The folder the scan ran in; result paths are relative to it.' } },
      },
      invocations: [{ executionSuccessful: opts.executionSuccessful, toolExecutionNotifications: notifications }],
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

function ruleDescriptor(id: string, text: RuleText): Sarif.ReportingDescriptor {
  const isSecret = id === 'twilio-auth-token' || id === 'twilio-api-key-secret';
  return {
    id,
    name: text.name,
    shortDescription: { text: text.short },
    fullDescription: { text: text.full },
    help: { text: text.help, markdown: text.help },
    helpUri: HELP_URI,
    defaultConfiguration: { level: isSecret ? 'warning' : 'note' },
    properties: {
      tags: isSecret ? ['security', 'secret'] : ['security'],
      precision: 'high',
      ...(isSecret ? { 'security-severity': '9.0' } : {}),
    },
  };
}

export function formatSarif(log: Sarif.Log): string {
  return JSON.stringify(log, null, 2);
}
