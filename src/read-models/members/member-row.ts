/** A row of read_models.members as node-postgres returns it (bigints as strings). */
export interface MemberTableRow {
  member_id: string;
  handle: string;
  registered_at: Date;
  registered_position: string;
  verified_position: string | null;
  verified_by: string | null;
  verification_method: string | null;
  roles: string[];
  suspended_until: Date | null;
  suspension_reason: string | null;
  left_position: string | null;
  updated_position: string;
}
