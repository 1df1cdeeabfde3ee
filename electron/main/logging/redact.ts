/**
 * Redaction of token-shaped text.
 *
 * Rule: never log, print or send a token (OWASP ASVS V7.1.1, "the application does not log
 * credentials or session tokens"). The logger passes every message and field through here, so a
 * mistake elsewhere still can't put a token in a log file.
 */

const jwtPattern = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const bearerPattern = /\b(Bearer)\s+[^\s"',;]+/gi;
/** Long opaque base64url runs (refresh tokens are 43 chars of base64url). */
const opaquePattern = /\b[A-Za-z0-9_-]{32,}\b/g;
const secretKeyPattern = /token|secret|password|authorization|cookie|record/i;

export const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return text
    .replace(jwtPattern, REDACTED)
    .replace(bearerPattern, `$1 ${REDACTED}`)
    .replace(opaquePattern, REDACTED);
}

/** Redacts values under secret-sounding keys and token-shaped text anywhere, to a bounded depth. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return redactText(`${value.name}: ${value.message}`);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = secretKeyPattern.test(key) ? REDACTED : redactValue(item, depth + 1);
  }
  return out;
}
