import { BadRequestException } from '@nestjs/common';

/** Deeper than any body of the API (two levels) by far, shallow enough for every recursive walk. */
export const MAX_BODY_DEPTH = 32;

const refuse = (message: string, field?: string): BadRequestException =>
  new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: field ? `${field} ${message}` : message,
    ...(field && { fields: [{ field, messages: [`${field} ${message}`] }] }),
  });

/** How deep arrays and objects nest, counted without parsing (brackets in strings do not count). */
function nesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > MAX_BODY_DEPTH) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** A UTF-16 surrogate half without its partner: not a character, and PostgreSQL refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text the stores can keep: no NUL (PostgreSQL refuses it) and no lone surrogate halves. */
export const storableText = (value: string): boolean =>
  !value.includes('\u0000') && !LONE_SURROGATE.test(value);

function checkStrings(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (!storableText(value))
      throw refuse('must not contain NUL characters or broken Unicode', path || 'body');
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkStrings(item, path ? `${path}.${index}` : String(index)));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!storableText(key))
        throw refuse('has a field name with NUL characters or broken Unicode', path || 'body');
      checkStrings(item, path ? `${path}.${key}` : key);
    }
  }
}

/**
 * The one JSON body parser of the engine. Refuses, each with a 400 that says why and before
 * any validation runs: an empty body, one nested deeper than 32 levels (the validation pipe
 * would overflow its stack on thousands), invalid JSON, and text no store can keep. Keys such
 * as `__proto__` are kept as plain data (JSON.parse does not set prototypes), so validation
 * can name them as unknown fields.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw refuse('the body is empty; send a JSON object');
  if (nesting(text) > MAX_BODY_DEPTH) {
    throw refuse(
      `the body nests deeper than ${MAX_BODY_DEPTH} levels; no request of this API needs more than a few`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw refuse(`the body is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  checkStrings(value, '');
  return value;
}
