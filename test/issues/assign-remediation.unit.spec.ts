import { type AssignRemediation } from '../../src/issues/domain';
import { InvalidCommandError, StateConflictError } from '../../src/shared-kernel/domain-errors';
import { ISSUE_ID, assigned, given, meta, reported } from './given-when-then';

const at = '2023-03-09T03:00:00.000Z';
const assign = (over: Partial<AssignRemediation['data']> = {}, occurredAt = at): AssignRemediation => ({
  type: 'AssignRemediation',
  data: {
    remediationId: 'r-7',
    responsibleUnit: ' Site C contractor ',
    action: 'Repair its stretch of the shared road',
    dueAt: new Date('2023-03-17T09:00:00.000Z'),
    assignedBy: 'district bureau',
    ...over,
  },
  metadata: meta(occurredAt),
});

describe('AssignRemediation', () => {
  it('assigns the item to its responsible unit with a due time', () => {
    given([reported()])
      .when(assign())
      .then([
        {
          type: 'RemediationAssigned',
          data: {
            issueId: ISSUE_ID,
            remediationId: 'r-7',
            responsibleUnit: 'Site C contractor',
            action: 'Repair its stretch of the shared road',
            dueAt: '2023-03-17T09:00:00.000Z',
            assignedBy: 'district bureau',
            occurredAt: at,
          },
        },
      ]);
  });

  it('refuses an item id already used on the issue', () => {
    given([reported(), assigned('r-7')])
      .when(assign())
      .thenThrows(StateConflictError, 'remediation item r-7 already exists');
  });

  it('refuses a due time not after the assignment', () => {
    given([reported()])
      .when(assign({ dueAt: new Date(at) }))
      .thenThrows(InvalidCommandError, 'dueAt');
  });

  it('refuses a due time more than five years ahead', () => {
    given([reported()])
      .when(assign({ dueAt: new Date('2028-03-10T02:00:01.000Z') }))
      .thenThrows(InvalidCommandError, 'dueAt');
  });

  it('accepts a due time exactly five years ahead', () => {
    const due = '2028-03-10T02:00:00.000Z';
    given([reported()])
      .when(assign({ dueAt: new Date(due) }))
      .then([
        {
          type: 'RemediationAssigned',
          data: {
            issueId: ISSUE_ID,
            remediationId: 'r-7',
            responsibleUnit: 'Site C contractor',
            action: 'Repair its stretch of the shared road',
            dueAt: due,
            assignedBy: 'district bureau',
            occurredAt: at,
          },
        },
      ]);
  });

  it('refuses a blank responsible unit or action', () => {
    given([reported()])
      .when(assign({ responsibleUnit: '' }))
      .thenThrows(InvalidCommandError, 'responsibleUnit');
    given([reported()])
      .when(assign({ action: '  ' }))
      .thenThrows(InvalidCommandError, 'action');
  });
});
