import type { Category, District, MeetingKind, Severity, Source } from '../issues/domain/vocabulary';

/**
 * The demo as scripts: one scenario per issue, its report and then its commands in time
 * order, with bodies exactly as a client sends them (shared/API.md). Remediation items are
 * named by a local label (`item`) because their ids are only known once the server answers.
 * Every body carries `occurredAt`, business time in Asia/Shanghai office hours of Q1 2023.
 */
export interface ReportBody {
  title: string;
  description?: string;
  category: Category;
  severity: Severity;
  district: District;
  site?: string;
  source: Source;
  reportedBy: string;
  occurredAt: string;
}

export type DemoStep =
  | {
      command: 'meeting';
      body: {
        kind: MeetingKind;
        heldAt: string;
        convenedBy: string;
        attendees: string[];
        summary?: string;
        decisions?: string[];
        occurredAt: string;
      };
    }
  | {
      command: 'remediation';
      item: string;
      body: {
        responsibleUnit: string;
        action: string;
        dueAt: string;
        assignedBy: string;
        occurredAt: string;
      };
    }
  | {
      command: 'completion';
      item: string;
      body: { reportedBy: string; evidence?: string; occurredAt: string };
    }
  | {
      command: 'verification';
      item: string;
      body: { verifiedBy: string; accepted: boolean; comment?: string; occurredAt: string };
    }
  /** Extended alone by its sender (the approver is the signed-in sender, never the body). */
  | {
      command: 'extension';
      item: string;
      body: { newDueAt: string; reason: string; occurredAt: string };
    }
  /** More time asked for, where the policy's rule lets nobody extend alone… */
  | {
      command: 'extension-request';
      item: string;
      body: { newDueAt: string; reason: string; occurredAt: string };
    }
  /** …and granted by an approver of the rule: the item's latest request. */
  | {
      command: 'extension-approval';
      item: string;
      body: { comment: string; occurredAt: string };
    }
  | { command: 'escalation'; body: { by: string; reason: string; occurredAt: string } }
  | {
      command: 'closure';
      body: { closedBy: string; resolution: string; force?: boolean; occurredAt: string };
    };

export interface DemoScenario {
  /** Stable and unique: idempotency keys are derived from it, so never renumber. */
  key: string;
  report: ReportBody;
  steps: DemoStep[];
}
