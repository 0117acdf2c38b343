import type { Role } from '../identity/access/access-policy';
import { DISTRICTS, type District } from '../issues/domain/vocabulary';
import { bureau, group } from './district-profiles';

/** One account of the demo bureau. */
export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  district?: District;
}

/**
 * The people of the demo: each district's work group and district bureau, a division head,
 * a bureau leader and a supervisor, so the audit trail reads like the bureau's.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  ...DISTRICTS.flatMap((district): DemoUser[] => [
    { username: `${district}-group`, displayName: group(district), role: 'work-group', district },
    { username: `${district}-bureau`, displayName: bureau(district), role: 'district-bureau', district },
  ]),
  { username: 'division-head', displayName: '市建设局 安监处处长', role: 'division' },
  { username: 'bureau-leader', displayName: '市建设局 分管副局长', role: 'leadership' },
  { username: 'supervisor', displayName: '市建设局 督查室', role: 'supervisor' },
];

/** The demo's commands, as the paths of shared/API.md name them. */
export type DemoCommand =
  | 'report'
  | 'meeting'
  | 'remediation'
  | 'completion'
  | 'verification'
  | 'extension'
  | 'escalation'
  | 'closure'
  | 'reopening';

/** The command a demo request path stands for. */
export function commandOfPath(path: string): DemoCommand | null {
  if (path === '/issues') return 'report';
  const last = /\/([a-z]+)$/.exec(path)?.[1];
  const byLast: Record<string, DemoCommand> = {
    meetings: 'meeting',
    remediations: 'remediation',
    completion: 'completion',
    verification: 'verification',
    extension: 'extension',
    escalations: 'escalation',
    closure: 'closure',
    reopening: 'reopening',
  };
  return (last && byLast[last]) || null;
}

/** The person a body names (reportedBy, convenedBy, …), as written. */
const personOf = (body: Record<string, unknown>): string =>
  ['reportedBy', 'convenedBy', 'assignedBy', 'verifiedBy', 'approvedBy', 'by', 'closedBy']
    .map((field) => body[field])
    .find((value): value is string => typeof value === 'string') ?? '';

/**
 * Who of the demo bureau would have sent a command: the district's work group for most of the
 * follow-up, its district bureau for reports it made, meetings it convened and every
 * completion it reported, the city division where the body names a city office, and the
 * leader for a forced closure. The body's person field stays as written: it records the unit
 * acted for (a work group verifying on the district bureau's word, say).
 */
export function demoSenderOf(
  command: DemoCommand,
  district: District,
  body: Record<string, unknown>,
): string {
  const person = personOf(body);
  const city = person.startsWith('市建设局');
  const districtBureau = person.includes('区建设局') && !person.startsWith('市');
  switch (command) {
    case 'report':
    case 'meeting':
      return city ? 'division-head' : districtBureau ? `${district}-bureau` : `${district}-group`;
    case 'completion':
      return `${district}-bureau`;
    case 'closure':
      if (body.force === true) return 'bureau-leader';
      return city ? 'division-head' : `${district}-group`;
    case 'remediation':
    case 'verification':
    case 'extension':
    case 'escalation':
    case 'reopening':
      return city ? 'division-head' : `${district}-group`;
    default: {
      const unexpected: never = command;
      throw new Error(`unknown demo command ${String(unexpected)}`);
    }
  }
}
