import { commandOfPath, demoSenderOf } from '../../src/demo/demo-users';

/** Who of the demo bureau sends each demo request: what makes the audit trail read like the bureau's. */
describe('the demo senders', () => {
  it('tells the command from the path, issues, the record and the reviews alike', () => {
    expect(commandOfPath('/issues')).toBe('report');
    expect(commandOfPath('/issues/i-1/remediations/r-1/completion')).toBe('completion');
    expect(commandOfPath('/groups/tongan/record')).toBe('record');
    expect(commandOfPath('/groups/tongan/record/e-1/correction')).toBe('record');
    expect(commandOfPath('/groups/tongan/record/e-1/withdrawal')).toBe('record');
    expect(commandOfPath('/groups/tongan/practices')).toBe('practice');
    expect(commandOfPath('/reviews')).toBe('review');
    expect(commandOfPath('/reviews/v-1/appeals')).toBe('appeal');
    expect(commandOfPath('/reviews/v-1/appeals/a-1/decision')).toBe('decision');
    expect(commandOfPath('/reviews/v-1/publication')).toBe('publication');
    expect(commandOfPath('/reviews/v-1/export.xlsx')).toBeNull();
    expect(commandOfPath('/issues/i-1/remediations/r-1/extension-requests')).toBe('extension-request');
    expect(commandOfPath('/issues/i-1/remediations/r-1/extension-requests/q-1/approval')).toBe(
      'extension-approval',
    );
  });

  it('has the work group ask for more time and the city office the approval names grant it', () => {
    expect(demoSenderOf('extension-request', 'haicang', {})).toBe('haicang-group');
    expect(
      demoSenderOf('extension-approval', 'haicang', { comment: '同意延期（市建设局 安监处处长）' }),
    ).toBe('division-head');
    expect(
      demoSenderOf('extension-approval', 'haicang', { comment: '同意延期（市建设局 分管副局长）' }),
    ).toBe('bureau-leader');
  });

  it('has the work group keep its record and appeal, the supervisor draft, the leader decide and publish', () => {
    expect(demoSenderOf('record', 'tongan', {})).toBe('tongan-group');
    expect(demoSenderOf('practice', 'huli', {})).toBe('huli-group');
    expect(demoSenderOf('appeal', 'xiangan', { district: 'xiangan' })).toBe('xiangan-group');
    expect(demoSenderOf('review', null, { draftedBy: '市建设局督查室' })).toBe('supervisor');
    expect(demoSenderOf('decision', null, { decidedBy: '市建设局分管局领导' })).toBe('bureau-leader');
    expect(demoSenderOf('decision', null, { decidedBy: '市建设局督查室' })).toBe('supervisor');
    expect(demoSenderOf('publication', null, {})).toBe('bureau-leader');
    expect(() => demoSenderOf('record', null, {})).toThrow(/no district/);
  });
});
