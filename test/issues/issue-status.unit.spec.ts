import { statusOf, type ExistingIssue } from '../../src/issues/domain';
import {
  REPORTED_AT,
  assigned,
  closed,
  completed,
  escalated,
  extended,
  foldIssue,
  meetingConvened,
  rejected,
  reopened,
  reported,
  verified,
} from './given-when-then';

const statusAfter = (...events: Parameters<typeof foldIssue>[0]) => foldIssue(events).status;

describe('issue status, as evolve derives it', () => {
  it("is 'none' for an empty stream and 'open' after the report", () => {
    expect(statusAfter()).toBe('none');
    expect(statusAfter(reported())).toBe('open');
  });

  it("is 'in-progress' once a meeting was held or an item assigned", () => {
    expect(statusAfter(reported(), meetingConvened())).toBe('in-progress');
    expect(statusAfter(reported(), assigned())).toBe('in-progress');
  });

  it('awaits verification only when no item is still outstanding', () => {
    expect(statusAfter(reported(), assigned('r-1'), completed('r-1'))).toBe('awaiting-verification');
    expect(statusAfter(reported(), assigned('r-1'), assigned('r-2'), completed('r-1'))).toBe('in-progress');
    expect(statusAfter(reported(), assigned('r-1'), completed('r-1'), rejected('r-1'))).toBe('in-progress');
    expect(
      statusAfter(
        reported(),
        assigned('r-1'),
        completed('r-1'),
        assigned('r-2'),
        completed('r-2'),
        verified('r-2'),
      ),
    ).toBe('awaiting-verification');
  });

  it("is 'in-progress' when every item is verified but the issue is not closed", () => {
    expect(statusAfter(reported(), assigned(), completed(), verified())).toBe('in-progress');
  });

  it("is 'closed' after closing, and recomputed after reopening", () => {
    expect(statusAfter(reported(), closed())).toBe('closed');
    expect(statusAfter(reported(), closed(), reopened())).toBe('open');
    expect(statusAfter(reported(), meetingConvened(), closed(true), reopened())).toBe('in-progress');
  });
});

describe('issue state, as evolve keeps it', () => {
  it('keeps items, the current due time, the first response, the level and the close time', () => {
    const state = foldIssue([
      reported(),
      meetingConvened('m-1', '2023-03-08T06:00:00.000Z'),
      assigned('r-1', '2023-03-15T09:00:00.000Z', '2023-03-08T08:00:00.000Z'),
      extended('r-1', '2023-03-15T09:00:00.000Z', '2023-03-22T09:00:00.000Z'),
      escalated(2),
      escalated(1),
      closed(true, '2023-03-09T13:00:00.000Z'),
    ]) as ExistingIssue;
    expect(state).toMatchObject({
      reportedAt: REPORTED_AT,
      district: 'haicang',
      escalationLevel: 2,
      meetingIds: ['m-1'],
      firstResponseAt: '2023-03-08T06:00:00.000Z',
      closedAt: '2023-03-09T13:00:00.000Z',
      remediations: {
        'r-1': {
          status: 'assigned',
          dueAt: '2023-03-22T09:00:00.000Z',
          responsibleUnit: 'Haicang pile contractor',
        },
      },
    });
  });
});

describe('statusOf (shared with the projections)', () => {
  it('derives the status from the facts alone', () => {
    expect(statusOf({ closed: false, hasResponse: false, itemStatuses: [] })).toBe('open');
    expect(statusOf({ closed: false, hasResponse: true, itemStatuses: [] })).toBe('in-progress');
    expect(statusOf({ closed: false, hasResponse: true, itemStatuses: ['completed', 'verified'] })).toBe(
      'awaiting-verification',
    );
    expect(statusOf({ closed: false, hasResponse: true, itemStatuses: ['completed', 'rejected'] })).toBe(
      'in-progress',
    );
    expect(statusOf({ closed: true, hasResponse: true, itemStatuses: ['assigned'] })).toBe('closed');
  });
});
