// Test values are generated at run time from a seeded PRNG: no realistic credential is ever
// written in the repository, yet every run sees the same values.
import { Finding, ScanOptions, scanText } from '../../../src/core/detection';
import { prng } from '../../corpus/generate';

export { prng };

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class Values {
  private readonly next: () => number;
  constructor(seed = 1) {
    this.next = prng(seed);
  }
  private pick(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  /** An Auth Token shape: 32 lowercase hex. */
  token(): string {
    return this.pick(HEX, 32);
  }
  /** An API key secret shape: 32 letters and digits with both cases and a digit. */
  secret(): string {
    for (;;) {
      const s = this.pick(ALNUM, 32);
      if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s)) return s;
    }
  }
  accountSid(): string {
    return 'AC' + this.token();
  }
  keySid(): string {
    return 'SK' + this.token();
  }
  /** Any other Twilio SID prefix, e.g. SM, CA, PN, MG. */
  sid(prefix: string): string {
    return prefix + this.token();
  }
}

export interface Hit {
  kind: string;
  value: string;
}

/** The secrets (not SIDs) found in `text`, as kind + value, for compact assertions. */
export function secrets(text: string, opts: ScanOptions = {}): Hit[] {
  return scanText(text, opts)
    .filter((f) => f.isSecret)
    .map((f) => ({ kind: f.kind, value: text.slice(f.range.start, f.range.end) }));
}

export function findings(text: string, opts: ScanOptions = {}): Finding[] {
  return scanText(text, opts);
}

export const token = (value: string): Hit => ({ kind: 'twilio-auth-token', value });
export const keySecret = (value: string): Hit => ({ kind: 'twilio-api-key-secret', value });
