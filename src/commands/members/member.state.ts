import type { Recorded } from '../../events/envelope.js';
import type { MemberEvent, Role } from '../../events/members/member-events.js';

export type Verification = { kind: 'unverified' } | { kind: 'verified'; atPosition: number; verifierId: string };

export interface RegisteredMember {
  status: 'registered';
  memberId: string;
  handle: string;
  /** keyId -> base64url raw Ed25519 public key. */
  keys: Readonly<Record<string, string>>;
  /** `atPosition` is where the verification sits in the global order: electorates are cut by it. */
  verification: Verification;
  roles: readonly Role[];
}

export type MemberState = { status: 'none' } | RegisteredMember;

export const initialMemberState: MemberState = { status: 'none' };

export function evolveMember(state: MemberState, event: Recorded<MemberEvent>): MemberState {
  if (state.status === 'none') {
    // Only a registration can open a member's stream; anything else before it is not this aggregate's history.
    if (event.type !== 'members.MemberRegistered') return state;
    return {
      status: 'registered',
      memberId: event.data.memberId,
      handle: event.data.handle,
      keys: {},
      verification: { kind: 'unverified' },
      roles: [],
    };
  }
  switch (event.type) {
    case 'members.MemberRegistered':
      return state;
    case 'members.KeyRegistered':
      return { ...state, keys: { ...state.keys, [event.data.keyId]: event.data.publicKey } };
    case 'members.MemberVerified':
      return { ...state, verification: { kind: 'verified', atPosition: event.position, verifierId: event.data.verifierId } };
    case 'members.RoleGranted':
      return state.roles.includes(event.data.role) ? state : { ...state, roles: [...state.roles, event.data.role] };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled member event ${(unhandled as { type: string }).type}`);
    }
  }
}
