import { toBody, type FieldSpec } from '../../web/src/components/form-fields';

/** What a form sends: the body the engine validates, built from what the person typed. */
describe('a form’s request body', () => {
  const meeting: FieldSpec[] = [
    { name: 'kind', kind: 'select', required: true, options: ['summons'], optionLabel: String },
    { name: 'heldAt', kind: 'datetime', required: true },
    { name: 'convenedBy', kind: 'text' },
    { name: 'attendees', kind: 'list', required: true },
    { name: 'summary', kind: 'textarea' },
  ];

  it('reads date-times as Shanghai wall time, splits lists by line, and leaves empty optional fields out', () => {
    expect(
      toBody(meeting, {
        kind: 'summons',
        heldAt: '2023-03-09T14:30',
        convenedBy: '  ',
        attendees: '湖里区建设局\n 钟宅安置房一期施工单位 \n\n',
        summary: '',
      }),
    ).toEqual({
      kind: 'summons',
      heldAt: '2023-03-09T14:30:00+08:00',
      attendees: ['湖里区建设局', '钟宅安置房一期施工单位'],
    });
  });

  it('sends required fields even when empty, so the engine names what is missing', () => {
    expect(toBody(meeting, { kind: '', heldAt: '', convenedBy: '', attendees: '', summary: '' })).toEqual({
      kind: '',
      heldAt: '',
      attendees: [],
    });
  });

  it('sends yes/no answers as booleans, numbers as numbers, and only the fields that apply', () => {
    const fields: FieldSpec[] = [
      { name: 'accepted', kind: 'yesno', required: true, yes: 'y', no: 'n' },
      {
        name: 'days',
        kind: 'select',
        options: [1, 0.5],
        optionLabel: String,
        when: (v) => v.kind === 'on-site',
      },
      { name: 'participants', kind: 'number' },
      { name: 'force', kind: 'checkbox' },
      { name: 'kind', kind: 'text' },
      {
        name: 'items',
        kind: 'list',
        parseLine: (line) => ({ issueId: line.split(' ')[0], claim: line.split(' ').slice(1).join(' ') }),
      },
    ];
    expect(
      toBody(fields, {
        accepted: 'false',
        days: '0.5',
        participants: '12',
        force: true,
        kind: 'training',
        items: 'i-1 已按期整改',
      }),
    ).toEqual({
      accepted: false,
      participants: 12,
      force: true,
      kind: 'training',
      items: [{ issueId: 'i-1', claim: '已按期整改' }],
    });
    expect(
      toBody(fields, {
        accepted: '',
        days: '0.5',
        participants: '',
        force: false,
        kind: 'on-site',
        items: '',
      }),
    ).toEqual({
      days: 0.5,
      force: false,
      kind: 'on-site',
    });
  });
});
