import type { EventStore } from '../event-store/event-store.port.js';
import type { RoleGranted } from '../events/members/member-events.js';

/** Whether the community has a steward, read from the log itself (role grants are rare; no projection lag). */
export async function stewardExists(store: EventStore): Promise<boolean> {
  for (let from = 0; ; ) {
    const grants = await store.readAll(from, 1000, { types: ['members.RoleGranted'] });
    if (grants.some((g) => (g.data as RoleGranted['data']).role === 'steward')) return true;
    if (grants.length < 1000) return false;
    from = grants[grants.length - 1]!.position + 1;
  }
}

/** Each member's roles as of the log head, folded from the role events (rare: no projection lag). */
export async function rolesOnLog(store: EventStore): Promise<Map<string, Set<string>>> {
  const roles = new Map<string, Set<string>>();
  for (let from = 0; ; ) {
    const events = await store.readAll(from, 1000, { types: ['members.RoleGranted', 'members.RoleRevoked'] });
    for (const event of events) {
      const { memberId, role } = event.data as { memberId: string; role: string };
      const held = roles.get(memberId) ?? new Set<string>();
      if (event.type === 'members.RoleGranted') held.add(role);
      else held.delete(role);
      roles.set(memberId, held);
    }
    if (events.length < 1000) return roles;
    from = events[events.length - 1]!.position + 1;
  }
}
