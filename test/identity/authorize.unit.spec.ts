import type { Action, Role } from '../../src/identity/access/access-policy';
import { authorize, type Target } from '../../src/identity/access/authorize';
import type { Principal } from '../../src/identity/auth/principal';

const principal = (role: Role, district: Principal['district'] = null): Principal => ({
  kind: 'user',
  id: `${district ?? 'city'}-${role}`,
  actor: `${district ?? 'city'}-${role}`,
  displayName: role,
  role,
  district,
  via: 'bearer',
  sessionId: 's',
  expiresAt: null,
});
const unknown = (id: string) => `issue ${id} does not exist`;
const decide = (who: Principal, action: Action, target: Target) => authorize(who, action, target, unknown);

/** The pure decision of the policy on district-bound targets: the record, appeals, new issues, issues. */
describe('authorize', () => {
  const simingGroup = principal('work-group', 'siming');

  it("lets a work group write its own group's record and appeal for its own district only", () => {
    expect(decide(simingGroup, 'record.write', { kind: 'district', district: 'siming' })).toEqual({
      allowed: true,
    });
    expect(decide(simingGroup, 'record.write', { kind: 'district', district: 'huli' })).toEqual({
      allowed: false,
      status: 403,
      message: 'user siming-work-group acts for siming; it may not write the record of huli',
    });
    expect(decide(simingGroup, 'review.appeal', { kind: 'district', district: 'huli' })).toMatchObject({
      status: 403,
      message: expect.stringMatching(/acts for siming; it may not appeal for huli$/),
    });
    expect(decide(simingGroup, 'issue.report', { kind: 'district', district: 'huli' })).toMatchObject({
      message: expect.stringMatching(/it may not report an issue in huli$/),
    });
  });

  it('leaves a district that is not a text to validation, and city roles to act anywhere', () => {
    expect(decide(simingGroup, 'record.write', { kind: 'district', district: 42 })).toEqual({
      allowed: true,
    });
    expect(decide(principal('division'), 'record.write', { kind: 'district', district: 'huli' })).toEqual({
      allowed: true,
    });
  });

  it('refuses by role before looking at the district, naming the rule', () => {
    const bureau = principal('district-bureau', 'siming');
    expect(decide(bureau, 'record.write', { kind: 'district', district: 'siming' })).toEqual({
      allowed: false,
      status: 403,
      message: "role district-bureau may not write a work group's daily record",
    });
    expect(decide(principal('division'), 'review.publish', { kind: 'none' })).toMatchObject({
      message: 'role division may not publish reviews',
    });
    expect(decide(principal('admin'), 'reviews.read', { kind: 'none' })).toMatchObject({ status: 403 });
  });

  it('reads the record and the reviews of every district: they are public inside the bureau', () => {
    expect(decide(simingGroup, 'record.read', { kind: 'district', district: 'huli' })).toEqual({
      allowed: true,
    });
    expect(decide(simingGroup, 'reviews.read', { kind: 'none' })).toEqual({ allowed: true });
  });

  it('hides an issue of another district from a reader, and names the rule to a writer', () => {
    const huliIssue: Target = { kind: 'issue', issueId: 'i-1', district: 'huli' };
    expect(decide(simingGroup, 'issues.read', huliIssue)).toEqual({
      allowed: false,
      status: 404,
      message: unknown('i-1'),
    });
    expect(decide(simingGroup, 'issue.close', huliIssue)).toMatchObject({
      status: 403,
      message: 'user siming-work-group acts for siming; issue i-1 is in huli',
    });
  });
});
