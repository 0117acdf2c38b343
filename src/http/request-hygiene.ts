import { BadRequestException } from '@nestjs/common';
import { storableText } from './json-body';

/**
 * Names that every object inherits (`toString`, `constructor`, `__proto__` …) plus
 * `prototype`: the validation whitelist sees them as known (the DTO instance has them), and a
 * body or query naming them could change objects it should not. They are refused as the
 * unknown fields they are.
 */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const unknownField = (field: string) => ({
  field,
  messages: [`${field} is not a known field; remove it or check its spelling`],
});

function inheritedNames(value: unknown, path: string, found: string[]): string[] {
  if (Array.isArray(value))
    value.forEach((item, i) => inheritedNames(item, `${path}${path ? '.' : ''}${i}`, found));
  else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const field = `${path}${path ? '.' : ''}${key}`;
      if (INHERITED.has(key)) found.push(field);
      else inheritedNames((value as Record<string, unknown>)[key], field, found);
    }
  }
  return found;
}

/** @throws BadRequestException naming every field of `body` named like an inherited member. */
export function refuseInheritedNames(body: unknown): void {
  const fields = inheritedNames(body, '', []);
  if (fields.length > 0) {
    const listed = fields.map(unknownField);
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: listed.map((f) => f.messages[0]).join('; '),
      fields: listed,
    });
  }
}

/**
 * Query strings: a key given twice is refused (which value would count?), inherited names as
 * unknown keys, and text no store can keep.
 * @throws BadRequestException naming the key.
 */
export function refuseUnsafeQuery(query: unknown): void {
  if (query === null || typeof query !== 'object') return;
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    const refuse = (message: string) =>
      new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `${key} ${message}`,
        fields: [{ field: key, messages: [`${key} ${message}`] }],
      });
    if (!storableText(key)) throw refuse('is not a query parameter this API knows');
    if (INHERITED.has(key)) throw refuse('is not a known query parameter; remove it or check its spelling');
    if (Array.isArray(value)) throw refuse(`was given ${value.length} times; give it once`);
    if (typeof value === 'string' && !storableText(value))
      throw refuse('must not contain NUL characters or broken Unicode');
  }
}

/**
 * The query string parser of the engine: every key an own property of a prototype-less object
 * (so `__proto__` is just a key), a repeated key kept as a list for the check above to refuse.
 */
export function parseQueryString(text: string): Record<string, string | string[]> {
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(text)) {
    const seen = query[key];
    query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}
