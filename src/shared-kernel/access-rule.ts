/** The roles of shared/API-identity.md. */
export type Role = 'work-group' | 'district-bureau' | 'division' | 'leadership' | 'supervisor' | 'admin';

/**
 * One line of a feature's declared access table: which roles may call a route (and the
 * command it sends), and in what scope. The identity feature's policy enforces the tables;
 * the features only declare them, so the rules read in one place per feature.
 */
export type AccessRule = {
  route: string;
  /** The domain command the route sends; null for a read. */
  command: string | null;
  roles: readonly Role[];
  /**
   * `own-district`: a district-scoped role may act only on the district the request names
   * (the route's `:district`, or the body's `district`); city-wide roles act everywhere.
   * `any`: no district restriction.
   */
  scope: 'own-district' | 'any';
};
