import type { Role, RoleGrant } from '../../../events/members/member-events.js';

/**
 * Grant a role as the consequence of a passed proposal or a won election. Issued by the system
 * only, never through the API: no member grants a role directly.
 */
export interface GrantRole {
  memberId: string;
  role: Role;
  grant: Exclude<RoleGrant, { kind: 'bootstrap' }>;
}
