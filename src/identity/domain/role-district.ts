import { InvalidCommandError } from '../../shared-kernel/domain-errors';
import { DISTRICTS, type District } from '../../issues/domain/vocabulary';
import { isDistrictRole, ROLES, type Role } from '../access/access-policy';

/**
 * A principal's district (shared/API-identity.md): required for the roles that act for one
 * district, absent for the city-wide ones.
 * @throws InvalidCommandError naming `role` or `district`.
 */
export function checkRoleDistrict(role: Role, district: District | null): void {
  if (!ROLES.includes(role)) throw new InvalidCommandError('role', `must be one of: ${ROLES.join(', ')}`);
  if (isDistrictRole(role) && district === null) {
    throw new InvalidCommandError(
      'district',
      `is required for role ${role}, which acts for one district: one of ${DISTRICTS.join(', ')}`,
    );
  }
  if (!isDistrictRole(role) && district !== null) {
    throw new InvalidCommandError('district', `must be left out: role ${role} acts for the whole city`);
  }
}
