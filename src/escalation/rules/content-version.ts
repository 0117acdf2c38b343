import { createHash } from 'node:crypto';

/**
 * A JSON value with its mapping keys in order, so the same content always prints the same:
 * a version names what a file means, not how it was written (comments, key order, quoting and
 * YAML against JSON make no new version).
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      sorted[key] = canonical((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/** The version of a content: the first 12 hex digits of the SHA-256 of its canonical JSON. */
export function contentVersion(content: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(content)))
    .digest('hex')
    .slice(0, 12);
}
