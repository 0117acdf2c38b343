import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { surelyValid } from '../../src/http/compiled-checks';
import { CloseIssueDto } from '../../src/issues/http/dtos/issue-lifecycle.dtos';
import { ConveneMeetingDto } from '../../src/issues/http/dtos/convene-meeting.dto';
import { AssignRemediationDto } from '../../src/issues/http/dtos/remediation.dtos';
import { ReportIssueDto } from '../../src/issues/http/dtos/report-issue.dto';

/** What the pipe's options make class-validator answer: no error at all. */
const classValidatorPasses = (instance: object): boolean =>
  validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }).length === 0;

const report = {
  title: '湖里区第1号工地围挡缺失',
  description: '围挡缺失约二十米',
  category: 'safety-emergency',
  severity: 'medium',
  district: 'huli',
  site: '片区21号地块',
  source: 'inspection',
  reportedBy: '驻湖里区工作组',
  occurredAt: '2026-12-01T09:30:00+08:00',
};

/** The body, and each of its fields missing, mistyped, blank, invisible, too long, null or unlisted; and a field unknown. */
function variants(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [body, { ...body, unknownField: 'x' }, {}];
  for (const field of Object.keys(body)) {
    const { [field]: _dropped, ...without } = body;
    out.push(without);
    for (const value of [
      42,
      '',
      ' ',
      '\u200b\u3000',
      'x'.repeat(2001),
      null,
      'not-a-listed-value',
      ['a'],
      true,
    ])
      out.push({ ...body, [field]: value });
  }
  out.push({ ...body, occurredAt: '2026-12-01T09:30:00' }, { ...body, occurredAt: '2026-13-01T09:30:00Z' });
  return out;
}

describe('surelyValid (a DTO checked without class-validator’s executor)', () => {
  it('says yes exactly when class-validator finds nothing wrong, for every variant of a report', () => {
    const bodies = variants(report);
    let passing = 0;
    for (const body of bodies) {
      const instance = plainToInstance(ReportIssueDto, body);
      const expected = classValidatorPasses(instance);
      if (expected) passing++;
      expect({ body, fast: surelyValid(instance) }).toEqual({ body, fast: expected });
    }
    // Both kinds were among them: the valid report and its optional fields left out.
    expect(passing).toBeGreaterThan(3);
    expect(passing).toBeLessThan(bodies.length / 2);
  });

  it('says the same as class-validator for the other commands’ bodies', () => {
    const cases: Array<[new () => object, Record<string, unknown>]> = [
      [CloseIssueDto, { resolution: '已整改完毕', closedBy: '思明区建设局', force: true }],
      [
        AssignRemediationDto,
        { responsibleUnit: '中建某局何厝项目部', action: '补齐围挡', dueAt: '2026-12-10T18:00:00+08:00' },
      ],
    ];
    for (const [dto, valid] of cases) {
      let passing = 0;
      for (const body of variants(valid)) {
        const instance = plainToInstance(dto, body);
        const expected = classValidatorPasses(instance);
        if (expected) passing++;
        expect({ dto: dto.name, body, fast: surelyValid(instance) }).toEqual({
          dto: dto.name,
          body,
          fast: expected,
        });
      }
      expect(passing).toBeGreaterThan(1);
    }
  });

  it('leaves a DTO with rules it does not take (lists checked item by item) to class-validator', () => {
    const meeting = plainToInstance(ConveneMeetingDto, {
      kind: 'coordination',
      heldAt: '2026-12-01T09:30:00+08:00',
      attendees: ['思明区建设局'],
    });
    expect(surelyValid(meeting)).toBe(false);
    expect(surelyValid({ title: 'a plain object, no DTO' })).toBe(false);
  });
});
