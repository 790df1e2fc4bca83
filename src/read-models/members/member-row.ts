/** A row of read_models.members as node-postgres returns it (bigints as strings). */
export interface MemberTableRow {
  member_id: string;
  handle: string;
  registered_at: Date;
  registered_position: string;
  verified_position: string | null;
  verified_by: string | null;
  roles: string[];
  updated_position: string;
}
