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
