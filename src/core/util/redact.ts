// Redaction of secrets from anything that may be shown or logged. Pure: no vscode import.
import { maskSecret } from '../validation/mask';

/** Shapes that are secret whatever their context: 32-hex tokens and 32-char key secrets. */
const SECRET_SHAPES = /\b[0-9a-fA-F]{32}\b|\b[A-Za-z0-9]{32}\b/g;

/**
 * Replaces every known secret, and anything shaped like a token or key secret, with a mask
 * that keeps at most the last 4 characters. SIDs (AC…/SK…, public identifiers) are kept.
 */
export function redact(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text;
  for (const s of knownSecrets) {
    if (s && s.length >= 8) out = out.split(s).join(maskSecret(s));
  }
  // Word boundaries keep SIDs (AC/SK + 32 hex is a 34-character word) out of the match.
  return out.replace(SECRET_SHAPES, (m) => maskSecret(m));
}
