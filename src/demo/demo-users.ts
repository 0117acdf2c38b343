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

/** The demo's commands, as the paths of shared/API.md and API-reviews.md name them. */
export type DemoCommand =
  | 'report'
  | 'meeting'
  | 'remediation'
  | 'completion'
  | 'verification'
  | 'extension'
  | 'extension-request'
  | 'extension-approval'
  | 'escalation'
  | 'closure'
  | 'reopening'
  /** An entry of a group's daily record: recorded, corrected or withdrawn. */
  | 'record'
  | 'practice'
  | 'review'
  | 'appeal'
  | 'decision'
  | 'publication';

const ISSUE_COMMANDS: Record<string, DemoCommand> = {
  meetings: 'meeting',
  remediations: 'remediation',
  completion: 'completion',
  verification: 'verification',
  extension: 'extension',
  'extension-requests': 'extension-request',
  approval: 'extension-approval',
  escalations: 'escalation',
  closure: 'closure',
  reopening: 'reopening',
};

/** Paths that are not under one issue, and the command each stands for. */
const OTHER_PATHS: Array<[RegExp, DemoCommand]> = [
  [/^\/groups\/[^/]+\/record(\/[^/]+\/(correction|withdrawal))?$/, 'record'],
  [/^\/groups\/[^/]+\/practices$/, 'practice'],
  [/^\/reviews$/, 'review'],
  [/^\/reviews\/[^/]+\/appeals$/, 'appeal'],
  [/^\/reviews\/[^/]+\/appeals\/[^/]+\/decision$/, 'decision'],
  [/^\/reviews\/[^/]+\/publication$/, 'publication'],
];

/** The command a demo request path stands for. */
export function commandOfPath(path: string): DemoCommand | null {
  if (path === '/issues') return 'report';
  if (path.startsWith('/issues/')) {
    const last = /\/([a-z-]+)$/.exec(path)?.[1];
    return (last && ISSUE_COMMANDS[last]) || null;
  }
  return OTHER_PATHS.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}

/** The person a body names (reportedBy, convenedBy, …), as written. */
const personOf = (body: Record<string, unknown>): string =>
  ['reportedBy', 'convenedBy', 'assignedBy', 'verifiedBy', 'approvedBy', 'by', 'closedBy', 'decidedBy']
    .map((field) => body[field])
    .find((value): value is string => typeof value === 'string') ?? '';

/**
 * Who of the demo bureau would have sent a command: the district's work group for most of the
 * follow-up, its district bureau for reports it made, meetings it convened and every
 * completion it reported, the city division where the body names a city office, and the
 * leader for a forced closure. The work group keeps its own daily record and practices and
 * files its district's appeal; the supervision office drafts the review, the leader decides
 * the appeal (the supervisor when the body names the supervision office) and publishes. The
 * body's person field stays as written: it records the unit acted for (a work group verifying
 * on the district bureau's word, say). `district` is null for the commands of no district
 * (drafting, deciding, publishing a review).
 * @throws Error for a district command without a district.
 */
export function demoSenderOf(
  command: DemoCommand,
  district: District | null,
  body: Record<string, unknown>,
): string {
  const person = personOf(body);
  const city = person.startsWith('市建设局');
  const districtBureau = person.includes('区建设局') && !person.startsWith('市');
  const own = (): District => {
    if (district === null) throw new Error(`demo ${command}: no district to send it for`);
    return district;
  };
  switch (command) {
    case 'report':
    case 'meeting':
      return city ? 'division-head' : districtBureau ? `${own()}-bureau` : `${own()}-group`;
    case 'completion':
      return `${own()}-bureau`;
    case 'closure':
      if (body.force === true) return 'bureau-leader';
      return city ? 'division-head' : `${own()}-group`;
    case 'extension-request':
      return `${own()}-group`;
    case 'extension-approval':
      return typeof body.comment === 'string' && body.comment.includes('分管副局长')
        ? 'bureau-leader'
        : 'division-head';
    case 'remediation':
    case 'verification':
    case 'extension':
    case 'escalation':
    case 'reopening':
      return city ? 'division-head' : `${own()}-group`;
    case 'record':
    case 'practice':
    case 'appeal':
      return `${own()}-group`;
    case 'review':
      return 'supervisor';
    case 'decision':
      return person.includes('督查') ? 'supervisor' : 'bureau-leader';
    case 'publication':
      return 'bureau-leader';
    default: {
      const unexpected: never = command;
      throw new Error(`unknown demo command ${String(unexpected)}`);
    }
  }
}
