import type { Role, RoleRevocation } from '../../../events/members/member-events.js';

/** Take a role away as the consequence of a passed revoke-role or no-confidence proposal. System only. */
export interface RevokeRole {
  memberId: string;
  role: Role;
  revocation: RoleRevocation;
}
