import type { Category, Severity } from '../../issues/domain/vocabulary';
import type { Duration } from './duration';
import {
  EXTENSION_APPROVER_ROLES,
  type ExtensionApproverRole,
  type ExtensionRule,
} from './escalation-policy';
import { parseDuration } from './parse-duration';
import { isMapping, list, perCategoryAndSeverity, type Fail } from './policy-file';

const EXTENSION_KEYS = ['maxExtensions', 'maxLength', 'approvedBy', 'requesterMayApprove', 'basis'];
/** More than this many extensions of one item is no cap at all; surely a typo. */
const MOST_EXTENSIONS = 99;
const NONE: Duration = { kind: 'calendar', ms: 0, text: '0s' };

/**
 * The policy's `extensions` section, resolved per category × severity like `rules`:
 *
 * ```yaml
 * extensions:
 *   petition-complaint:
 *     "*": { maxExtensions: 1, maxLength: 30d, approvedBy: leadership, requesterMayApprove: false,
 *            basis: "信访工作条例: extended once, by at most 30 days, with the head's approval" }
 * ```
 *
 * Each entry is complete on its own. `maxExtensions: 0` forbids extensions and needs nothing
 * else (what is left out then reads as 0s, leadership, false).
 * @throws PolicyError naming the entry, e.g. `extensions.key-project.high.maxLength`.
 */
export function readExtensionRules(
  section: unknown,
  fail: Fail,
): Record<Category, Record<Severity, ExtensionRule>> {
  return perCategoryAndSeverity(
    section,
    'extensions',
    'extension rule',
    (entry, where) => readRule(entry, where, fail),
    fail,
  );
}

function readRule(entry: unknown, where: string, fail: Fail): ExtensionRule {
  if (!isMapping(entry)) {
    throw fail(where, `must be a mapping with ${list(EXTENSION_KEYS.slice(0, 4))} and optionally basis`);
  }
  for (const key of Object.keys(entry)) {
    if (!EXTENSION_KEYS.includes(key))
      throw fail(`${where}.${key}`, `unknown key; an extension rule allows ${list(EXTENSION_KEYS)}`);
  }
  const max = entry.maxExtensions;
  if (max === undefined)
    throw fail(
      `${where}.maxExtensions`,
      'is missing; give how many extensions one item may have (0 for none)',
    );
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > MOST_EXTENSIONS) {
    throw fail(
      `${where}.maxExtensions`,
      `must be a whole number from 0 to ${MOST_EXTENSIONS}, got ${JSON.stringify(max)}`,
    );
  }
  // With no extension allowed, the rest says nothing; left out, it reads as the strictest.
  const none = max === 0;

  let maxLength = NONE;
  if (!(none && entry.maxLength === undefined)) {
    maxLength = parseDuration(entry.maxLength, fail.where(`${where}.maxLength`));
    if (!none && (maxLength.kind === 'calendar' ? maxLength.ms : maxLength.days) === 0) {
      throw fail(
        `${where}.maxLength`,
        `${maxLength.text} allows no extension at all; give a longer one, or maxExtensions: 0`,
      );
    }
  }

  let approvedBy: ExtensionApproverRole = 'leadership';
  if (!(none && entry.approvedBy === undefined)) {
    if (entry.approvedBy === undefined) {
      throw fail(
        `${where}.approvedBy`,
        `is missing; name the lowest role that approves: ${list(EXTENSION_APPROVER_ROLES)}`,
      );
    }
    if (!(EXTENSION_APPROVER_ROLES as readonly unknown[]).includes(entry.approvedBy)) {
      throw fail(
        `${where}.approvedBy`,
        `unknown role ${JSON.stringify(entry.approvedBy)}; allowed: ${list(EXTENSION_APPROVER_ROLES)} (each approves what the ones before it may)`,
      );
    }
    approvedBy = entry.approvedBy as ExtensionApproverRole;
  }

  let requesterMayApprove = false;
  if (!(none && entry.requesterMayApprove === undefined)) {
    if (typeof entry.requesterMayApprove !== 'boolean') {
      throw fail(
        `${where}.requesterMayApprove`,
        `${entry.requesterMayApprove === undefined ? 'is missing' : `must be true or false, got ${JSON.stringify(entry.requesterMayApprove)}`}; ` +
          'true: an approver may extend alone; false: another approver must approve the request',
      );
    }
    requesterMayApprove = entry.requesterMayApprove;
  }

  const basis = entry.basis ?? null;
  if (basis !== null && (typeof basis !== 'string' || basis.trim() === '')) {
    throw fail(
      `${where}.basis`,
      `must be a non-empty text (the statute or practice), got ${JSON.stringify(basis)}`,
    );
  }

  return Object.freeze({
    entry: where,
    maxExtensions: max,
    maxLength,
    approvedBy,
    approvers: Object.freeze(EXTENSION_APPROVER_ROLES.slice(EXTENSION_APPROVER_ROLES.indexOf(approvedBy))),
    requesterMayApprove,
    basis: basis === null ? null : basis.trim(),
  });
}
