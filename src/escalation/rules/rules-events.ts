import type { CalendarContent } from './rules-snapshot';

/**
 * Who or what put a version in force: the engine's start, a SIGHUP to its process, or a
 * signed-in admin through `POST /admin/escalation/reload`.
 */
export type InstalledBy = 'engine-start' | 'sighup' | 'admin';

/** The facts both installs record. */
type Installed = {
  /** The content's version: the first 12 hex digits of the SHA-256 of its canonical JSON. */
  version: string;
  /** The version it replaced; null for the first. */
  previousVersion: string | null;
  /** What changed against the previous version, one line per entry (`first version` for the first). */
  changes: string[];
  installedBy: InstalledBy;
  /** One install's id, shared by the policy and calendar events it records together. */
  installId: string;
  /** The file it was read from, on the engine that installed it. */
  source: string | null;
  occurredAt: string;
};

/**
 * An escalation policy version was put in force. `content` is the policy file's document
 * (keys in order), so the log alone says what the rules were when a deadline was timed.
 */
export type EscalationPolicyInstalled = {
  type: 'EscalationPolicyInstalled';
  data: Installed & { name: string; content: unknown };
};

/**
 * A working-day calendar version was put in force: the package it starts from, the calendar
 * file's years and what a year nobody covers means (`content`).
 */
export type WorkingCalendarInstalled = {
  type: 'WorkingCalendarInstalled';
  data: Installed & { content: CalendarContent };
};

export type RulesEvent = EscalationPolicyInstalled | WorkingCalendarInstalled;

/** The one stream of the engine's configuration facts. */
export const SYSTEM_CONFIG_STREAM = 'system-config';
