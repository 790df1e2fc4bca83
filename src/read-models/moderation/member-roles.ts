import { memberModel } from '../../commands/members/acting-member.js';
import type { HistoryEvent } from '../../commands/shared/aggregate-store.js';
import { Forbidden } from '../../commands/shared/domain-errors.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import type { MemberEvent, Role } from '../../events/members/member-events.js';
import { memberStream } from '../../events/members/member-events.js';
import { upcastEvent } from '../../events/registry.js';

/**
 * The roles a member holds, folded from their own stream on the log, as the write side does: a
 * grant or a revocation counts at once, not when a projection catches up.
 */
export async function rolesOf(store: EventStore, memberId: string): Promise<readonly Role[]> {
  let state = memberModel.initialState;
  for (const stored of await store.readStream(memberStream(memberId))) {
    const event = upcastEvent(stored);
    state = memberModel.evolve(state, { type: event.type, data: event.data, position: event.position } as HistoryEvent<MemberEvent>);
  }
  return state.status === 'none' ? [] : state.roles;
}

/** Refuses (403) a member who holds none of `roles`. */
export async function requireRole(store: EventStore, memberId: string, roles: readonly Role[]): Promise<void> {
  const held = await rolesOf(store, memberId);
  if (!roles.some((role) => held.includes(role))) throw new Forbidden(`not-${roles.join('-or-')}`, `only a ${roles.join(' or ')} may see this`);
}
