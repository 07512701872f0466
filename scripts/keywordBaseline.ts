// The keyword baseline of the real-set report (issue 18): the rule the plain scanners use, so a
// change to the detector shows what it gains and loses against it.
//
// A value is reported when it is a maximal run of exactly 32 ASCII letters and digits (a word on
// its own: `_` or any other non-alphanumeric character bounds it) and a Twilio word stands within
// KEYWORD_WINDOW_LINES lines of it, before or after. trufflehog's Twilio detectors run on a chunk
// as soon as one of their keywords appears anywhere in it and then pair every 32-hex value in the
// chunk with the SIDs; a chunk is a few kilobytes, so we read "near" as a window of lines. The
// default, 5 lines either side (11 lines, about the few hundred bytes around a typical config
// block), is the window of that rule on small files; `--baseline-lines N` changes it.
// A hexadecimal run is reported as an Auth Token, any other run as an API key secret.

import type { SecretKind } from './realSet';

export const KEYWORD_WINDOW_LINES = 5;

/** Twilio words (case-insensitive), and SIDs, that make a nearby 32-character run a suspect. */
export const TWILIO_KEYWORDS = /twilio|auth[ _-]?token|account[ _-]?sid|api[ _-]?secret|\b(?:AC|SK)[0-9a-fA-F]{32}\b/i;

export interface BaselineFinding {
  /** 0-based line and character, like a Finding's range. */
  line: number;
  character: number;
  kind: SecretKind;
}

const RUN = /(?<![A-Za-z0-9])[A-Za-z0-9]{32}(?![A-Za-z0-9])/g;

/** The baseline's findings in a text. */
export function keywordBaseline(text: string, windowLines = KEYWORD_WINDOW_LINES): BaselineFinding[] {
  const lines = text.split('\n');
  const hasKeyword = lines.map((l) => TWILIO_KEYWORDS.test(l));
  // Prefix counts: any keyword line in [a, b] is prefix[b + 1] - prefix[a] > 0.
  const prefix = [0];
  for (const k of hasKeyword) prefix.push(prefix[prefix.length - 1] + (k ? 1 : 0));
  const out: BaselineFinding[] = [];
  lines.forEach((line, i) => {
    RUN.lastIndex = 0;
    for (let m = RUN.exec(line); m; m = RUN.exec(line)) {
      const a = Math.max(0, i - windowLines), b = Math.min(lines.length - 1, i + windowLines);
      if (prefix[b + 1] - prefix[a] === 0) continue;
      out.push({ line: i, character: m.index, kind: /^[0-9a-fA-F]{32}$/.test(m[0]) ? 'twilio-auth-token' : 'twilio-api-key-secret' });
    }
  });
  return out;
}
