import { decideRecord, type RecordContext } from '../../src/groups/record/record-decide';
import type { RecordCommand } from '../../src/groups/record/record-commands';
import type { RecordEvent } from '../../src/groups/record/record-events';
import { evolveRecord, initialRecordState } from '../../src/groups/record/record-state';
import {
  InvalidCommandError,
  NotFoundError,
  StateConflictError,
} from '../../src/shared-kernel/domain-errors';
import { deciderSpec } from '../support/decider-spec';

const NOW = new Date('2023-05-20T02:00:00.000Z'); // 10:00 in Shanghai
const AT = '2023-05-20T02:00:00.000Z';
const meta = { now: NOW, occurredAt: NOW };
const CONTEXT: RecordContext = {
  district: 'tongan',
  issueDistrict: (id) => (id === 'crane' ? 'tongan' : id === 'road' ? 'siming' : null),
};
const { given } = deciderSpec({
  decide: (command: RecordCommand, state) => decideRecord(command, state, CONTEXT),
  evolve: evolveRecord,
  initialState: initialRecordState,
});

const record = (
  entryId: string,
  data: Partial<Extract<RecordCommand, { type: 'RecordActivity' }>['data']> = {},
) =>
  ({
    type: 'RecordActivity',
    data: { entryId, kind: 'on-site', date: '2023-05-18', by: '驻同安区工作组', ...data },
    metadata: meta,
  }) as RecordCommand;

type Recorded = Extract<RecordEvent, { type: 'GroupActivityRecorded' }>;
const recorded = (entryId: string, over: Partial<Recorded['data']> = {}): Recorded => ({
  type: 'GroupActivityRecorded',
  data: {
    district: 'tongan',
    entryId,
    kind: 'on-site',
    date: '2023-05-18',
    days: 1,
    site: null,
    topic: null,
    participants: null,
    members: [],
    summary: null,
    issueIds: [],
    recordedBy: '驻同安区工作组',
    occurredAt: AT,
    ...over,
  },
});

const training = {
  kind: 'training' as const,
  date: '2023-05-16',
  topic: '安拆6个重点环节、主要结构日常检查8大要素及检查挂牌制度',
  site: '同安区建设局',
  participants: 86,
  members: ['组长', '组员甲'],
  issueIds: ['crane'],
};

describe('daily record: recording activities', () => {
  it('records a full on-site day by default', () => {
    given([])
      .when(record('e1'))
      .then([recorded('e1')]);
  });

  it('records a training with its topic, people reached, members and linked issue', () => {
    given([])
      .when(record('e1', training))
      .then([recorded('e1', { ...training, days: null, summary: null })]);
  });

  it('takes two half days on one date, but not a second full day', () => {
    const halves = [recorded('e1', { days: 0.5 })];
    given(halves)
      .when(record('e2', { days: 0.5 }))
      .then([recorded('e2', { days: 0.5 })]);
    given([recorded('e1')])
      .when(record('e2'))
      .thenThrows(StateConflictError, 'at most one day on site');
    given([recorded('e1', { days: 0.5 })])
      .when(record('e2', { days: 1 }))
      .thenThrows(StateConflictError, 'e1');
  });

  it('counts a withdrawn on-site day no more: the date is free again', () => {
    const withdrawn: RecordEvent = {
      type: 'GroupActivityWithdrawn',
      data: { district: 'tongan', entryId: 'e1', reason: 'wrong date', withdrawnBy: 'x', occurredAt: AT },
    };
    given([recorded('e1'), withdrawn])
      .when(record('e2'))
      .then([recorded('e2')]);
  });

  it('refuses a date in the future in Shanghai, an impossible date, and days outside on-site', () => {
    // It is 10:00 on 20 May in Shanghai: 21 May is the future.
    given([])
      .when(record('e1', { date: '2023-05-21' }))
      .thenThrows(InvalidCommandError, 'in the future');
    given([])
      .when(record('e1', { date: '2023-02-29' }))
      .thenThrows(InvalidCommandError, 'date:');
    given([])
      .when(record('e1', { days: 2 }))
      .thenThrows(InvalidCommandError, 'days:');
    given([])
      .when(record('e1', { ...training, days: 1 }))
      .thenThrows(InvalidCommandError, 'only on-site entries count days');
  });

  it('needs a topic for everything but an on-site day, and participants not negative', () => {
    given([])
      .when(record('e1', { kind: 'seminar', topic: ' ' }))
      .thenThrows(InvalidCommandError, 'topic:');
    given([])
      .when(record('e1', { ...training, participants: -3 }))
      .thenThrows(InvalidCommandError, 'participants:');
    given([])
      .when(record('e1', { ...training, participants: 2.5 }))
      .thenThrows(InvalidCommandError, 'participants:');
  });

  it("links only existing issues of the group's own district", () => {
    given([])
      .when(record('e1', { ...training, issueIds: ['nope'] }))
      .thenThrows(InvalidCommandError, 'issue nope does not exist');
    given([])
      .when(record('e1', { ...training, issueIds: ['road'] }))
      .thenThrows(InvalidCommandError, 'is in siming, not tongan');
  });

  it('refuses an entry id already used', () => {
    given([recorded('e1')])
      .when(record('e1', { date: '2023-05-17' }))
      .thenThrows(StateConflictError, 'e1');
  });
});

describe('daily record: corrections and withdrawals', () => {
  const correct = (data: Record<string, unknown>): RecordCommand => ({
    type: 'CorrectActivity',
    data: { entryId: 'e1', reason: '日期记错', by: '组长', ...data },
    metadata: meta,
  });
  const withdraw = (entryId = 'e1'): RecordCommand => ({
    type: 'WithdrawActivity',
    data: { entryId, reason: '重复登记', by: '组长' },
    metadata: meta,
  });

  const corrected = (over: Record<string, unknown>): RecordEvent => {
    const { recordedBy: _, ...data } = recorded('e1', over).data;
    return { type: 'GroupActivityCorrected', data: { ...data, reason: '日期记错', correctedBy: '组长' } };
  };

  it('restates the whole entry with the reason, keeping what was not sent', () => {
    given([recorded('e1', { site: '东山项目' })])
      .when(correct({ date: '2023-05-17', days: 0.5 }))
      .then([corrected({ site: '东山项目', date: '2023-05-17', days: 0.5 })]);
  });

  it('checks the corrected entry like a new one, itself excluded from the on-site count', () => {
    given([recorded('e1', { days: 0.5 })])
      .when(correct({ days: 1 }))
      .then([corrected({ days: 1 })]);
    given([recorded('e1')])
      .when(correct({ kind: 'seminar', topic: '政策宣贯' }))
      .then([corrected({ kind: 'seminar', topic: '政策宣贯', days: null })]);
    given([recorded('e1', { days: 0.5 }), recorded('e2', { days: 0.5 })])
      .when(correct({ days: 1 }))
      .thenThrows(StateConflictError, 'e2');
    given([recorded('e1')])
      .when(correct({ date: '2099-01-01' }))
      .thenThrows(InvalidCommandError, 'future');
  });

  it('keeps the links the entry had without looking them up again, and checks new ones', () => {
    const linked = [recorded('e1', { ...training, days: null, issueIds: ['crane'] })];
    const noLookup = decideRecord(
      {
        type: 'CorrectActivity',
        data: { entryId: 'e1', reason: '人数有误', by: '组长', participants: 90 },
        metadata: meta,
      },
      linked.reduce(evolveRecord, initialRecordState()),
      { district: 'tongan', issueDistrict: () => null },
    );
    expect(noLookup[0].data).toMatchObject({ participants: 90, issueIds: ['crane'] });
    given(linked)
      .when(correct({ issueIds: ['crane', 'road'] }))
      .thenThrows(InvalidCommandError, 'issue road is in siming');
  });

  it('refuses a correction that changes nothing, of an unknown entry, or without a reason', () => {
    given([recorded('e1')])
      .when(correct({ days: 1 }))
      .thenThrows(InvalidCommandError, 'changes nothing');
    given([])
      .when(correct({ days: 0.5 }))
      .thenThrows(NotFoundError, 'entry e1');
    given([recorded('e1')])
      .when(correct({ days: 0.5, reason: '  ' }))
      .thenThrows(InvalidCommandError, 'reason:');
  });

  it('withdraws with a reason; a withdrawn entry cannot be corrected or withdrawn again', () => {
    given([recorded('e1')])
      .when(withdraw())
      .then([
        {
          type: 'GroupActivityWithdrawn',
          data: {
            district: 'tongan',
            entryId: 'e1',
            reason: '重复登记',
            withdrawnBy: '组长',
            occurredAt: AT,
          },
        },
      ]);
    const past = [
      recorded('e1'),
      {
        type: 'GroupActivityWithdrawn',
        data: { district: 'tongan', entryId: 'e1', reason: 'x', withdrawnBy: 'y', occurredAt: AT },
      } as RecordEvent,
    ];
    given(past)
      .when(correct({ days: 0.5 }))
      .thenThrows(StateConflictError, 'withdrawn and cannot be corrected');
    given(past).when(withdraw()).thenThrows(StateConflictError, 'already withdrawn');
    given([]).when(withdraw('e9')).thenThrows(NotFoundError, 'e9');
  });
});

describe('daily record: practices passed between city and district', () => {
  const transfer = (data: Record<string, unknown> = {}): RecordCommand => ({
    type: 'TransferPractice',
    data: {
      practiceId: 'p1',
      direction: 'adopted-from-city',
      title: '建筑起重机械安拆前条件核查制度',
      date: '2023-04-12',
      by: '驻同安区工作组',
      ...data,
    },
    metadata: meta,
  });

  it('records a practice adopted from the city', () => {
    given([])
      .when(transfer())
      .then([
        {
          type: 'PracticeTransferred',
          data: {
            district: 'tongan',
            practiceId: 'p1',
            direction: 'adopted-from-city',
            title: '建筑起重机械安拆前条件核查制度',
            date: '2023-04-12',
            summary: null,
            recordedBy: '驻同安区工作组',
            occurredAt: AT,
          },
        },
      ]);
  });

  it('refuses a blank title, an unknown direction, a future date and a reused id', () => {
    given([])
      .when(transfer({ title: '' }))
      .thenThrows(InvalidCommandError, 'title:');
    given([])
      .when(transfer({ direction: 'sideways' }))
      .thenThrows(InvalidCommandError, 'direction:');
    given([])
      .when(transfer({ date: '2023-06-01' }))
      .thenThrows(InvalidCommandError, 'future');
    const past = [
      {
        type: 'PracticeTransferred',
        data: {
          district: 'tongan',
          practiceId: 'p1',
          direction: 'promoted-to-city',
          title: 't',
          date: '2023-04-01',
          summary: null,
          recordedBy: 'x',
          occurredAt: AT,
        },
      } as RecordEvent,
    ];
    given(past).when(transfer()).thenThrows(StateConflictError, 'p1');
  });
});
