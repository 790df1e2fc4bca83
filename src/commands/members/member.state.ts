import type { Recorded } from '../../events/envelope.js';
import type { MemberEvent, Role } from '../../events/members/member-events.js';

export type Verification = { kind: 'unverified' } | { kind: 'verified'; atPosition: number; verifierId: string };

/** What other domains read about a member (governance turns it into a voter). */
export interface RegisteredMember {
  status: 'registered';
  memberId: string;
  handle: string;
  /** The keys valid for acts now: keyId -> base64url raw Ed25519 public key. */
  keys: Readonly<Record<string, string>>;
  /** `atPosition` is where the verification sits in the global order: electorates are cut by it. */
  verification: Verification;
  roles: readonly Role[];
}

/** A suspension ends by itself at `until`: whether it still holds depends on the command's time. */
export type Suspension = { kind: 'none' } | { kind: 'suspended'; until: string; actionId: string; reason: string };

/** A member who left keeps their handle on the log, but holds no key and no role. */
export type Membership = { kind: 'active'; suspension: Suspension } | { kind: 'left'; atPosition: number };

/** A key replaced by rotation: acts signed with it after `atPosition` are refused. */
export interface RetiredKey {
  replacedBy: string;
  atPosition: number;
}

/** The whole write-side picture of a member, as their own stream tells it. */
export interface MemberOnLog extends RegisteredMember {
  membership: Membership;
  retiredKeys: Readonly<Record<string, RetiredKey>>;
  /** Moderation action ids already applied: a repeated suspend or lift is a no-op. */
  moderationActions: readonly string[];
}

export type MemberState = { status: 'none' } | MemberOnLog;

export const initialMemberState: MemberState = { status: 'none' };

/** Whether `member` is suspended at `now`; a suspension past its end no longer holds. */
export function suspendedAt(member: MemberOnLog, now: Date): Extract<Suspension, { kind: 'suspended' }> | null {
  if (member.membership.kind !== 'active') return null;
  const { suspension } = member.membership;
  return suspension.kind === 'suspended' && Date.parse(suspension.until) > now.getTime() ? suspension : null;
}

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
      membership: { kind: 'active', suspension: { kind: 'none' } },
      retiredKeys: {},
      moderationActions: [],
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
    case 'members.RoleRevoked':
      return { ...state, roles: state.roles.filter((role) => role !== event.data.role) };
    case 'members.KeyRotated': {
      const { [event.data.oldKeyId]: _retired, ...kept } = state.keys;
      return {
        ...state,
        keys: { ...kept, [event.data.newKeyId]: event.data.publicKey },
        retiredKeys: { ...state.retiredKeys, [event.data.oldKeyId]: { replacedBy: event.data.newKeyId, atPosition: event.position } },
      };
    }
    case 'members.MemberSuspended': {
      const { until, actionId, reason } = event.data;
      if (state.membership.kind !== 'active') return state;
      return {
        ...state,
        membership: { kind: 'active', suspension: { kind: 'suspended', until, actionId, reason } },
        moderationActions: [...state.moderationActions, actionId],
      };
    }
    case 'members.MemberSuspensionLifted':
      if (state.membership.kind !== 'active') return state;
      return {
        ...state,
        membership: { kind: 'active', suspension: { kind: 'none' } },
        moderationActions: [...state.moderationActions, event.data.actionId],
      };
    case 'members.MemberLeft':
      // Keys and roles go with the member: nothing can be signed or held in their name any more.
      return { ...state, keys: {}, roles: [], membership: { kind: 'left', atPosition: event.position } };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled member event ${(unhandled as { type: string }).type}`);
    }
  }
}
