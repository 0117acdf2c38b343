import { ACTIONS, POLICY, ROLES } from '../../src/identity/access/access-policy';
import { ACTIONS as PAGE_ACTIONS, may, ROLE_TABLE } from '../../web/src/auth/roles';

/**
 * The page offers exactly what the engine allows: its role table is the engine's access
 * policy, action for action and cell for cell, so changing one without the other fails here.
 */
describe("the page's role table", () => {
  it('names the actions of the engine’s policy, in its order', () => {
    expect([...PAGE_ACTIONS]).toEqual([...ACTIONS]);
  });

  it.each(ROLES.map((role) => [role]))('gives %s the scope and the actions the engine does', (role) => {
    expect({ scope: ROLE_TABLE[role].scope, may: [...ROLE_TABLE[role].may].sort() }).toEqual({
      scope: POLICY[role].scope,
      may: [...POLICY[role].may].sort(),
    });
  });

  it('has no role the engine does not know', () => {
    expect(Object.keys(ROLE_TABLE).sort()).toEqual([...ROLES].sort());
  });

  it('opens a view needing any of several actions to a role with one of them', () => {
    expect(may({ role: 'admin' }, ['audit.issues', 'audit.identity'])).toBe(true);
    expect(may({ role: 'district-bureau' }, ['audit.identity', 'users.manage'])).toBe(false);
    expect(may(null, 'groups.read')).toBe(false);
  });
});
