import {
  MOTION_KINDS,
  NO_CONFIDENCE_MIN_THRESHOLD_BPS,
  type Motion,
  type ProposalRules,
  type RoleMotion,
} from '../../events/governance/proposal-events.js';
import { isTopic, TOPIC_MAX_CHARS, TOPIC_PATTERN } from '../../events/governance/proposal-schemas.js';
import { ROLES, type Role } from '../../events/members/member-events.js';
import { InvalidInput, NotFound, RuleBroken } from '../shared/domain-errors.js';

/**
 * What a role motion needs to know about the member it names, read from that member's stream by
 * the handler: whether they exist and which roles they hold now.
 */
export type MotionTarget = { kind: 'no-member'; memberId: string } | { kind: 'member'; memberId: string; roles: readonly Role[] };

/** The motion as the request states it, checked field by field so a bad one is named. */
export function validMotion(input: unknown): Motion {
  if (input === undefined || input === null) return { kind: 'general' };
  if (typeof input !== 'object' || Array.isArray(input)) throw new InvalidInput('motion', 'motion must be an object');
  const { kind, memberId, role } = input as Record<string, unknown>;
  if (!(MOTION_KINDS as readonly unknown[]).includes(kind)) throw new InvalidInput('motion.kind', `motion.kind must be one of ${MOTION_KINDS.join(', ')}`);
  if (kind === 'general') return { kind: 'general' };
  if (typeof memberId !== 'string' || memberId.length === 0 || memberId.length > 128) {
    throw new InvalidInput('motion.memberId', 'motion.memberId must name a member');
  }
  if (!(ROLES as readonly unknown[]).includes(role)) throw new InvalidInput('motion.role', `motion.role must be one of ${ROLES.join(', ')}`);
  return { kind: kind as RoleMotion['kind'], memberId, role: role as Role };
}

export function validTopic(input: unknown): string | null {
  if (input === undefined || input === null) return null;
  if (!isTopic(input)) throw new InvalidInput('topic', `topic must be a slug of at most ${TOPIC_MAX_CHARS} characters matching ${TOPIC_PATTERN.source}`);
  return input;
}

/** Two thirds, the threshold a no-confidence motion gets when its draft states none (issue 3). */
export const NO_CONFIDENCE_DEFAULT_THRESHOLD_BPS = NO_CONFIDENCE_MIN_THRESHOLD_BPS;

/**
 * The threshold as stated, or the default when a no-confidence motion states none. Every other
 * motion must state its threshold: a proposal has no sensible default share of votes.
 */
export function statedOrDefaultThreshold(motion: Motion, thresholdBps: unknown): unknown {
  if (thresholdBps !== undefined) return thresholdBps;
  if (motion.kind === 'no-confidence') return NO_CONFIDENCE_DEFAULT_THRESHOLD_BPS;
  throw new InvalidInput('rules.thresholdBps', 'rules.thresholdBps is required; only a no-confidence motion may leave it out (two thirds)');
}

/** A no-confidence motion never passes with less than two thirds; other motions take the rules as drafted. */
export function assertThresholdFits(motion: Motion, rules: ProposalRules): void {
  if (motion.kind === 'no-confidence' && rules.thresholdBps < NO_CONFIDENCE_MIN_THRESHOLD_BPS) {
    throw new InvalidInput('rules.thresholdBps', `a no-confidence motion needs a threshold of at least ${NO_CONFIDENCE_MIN_THRESHOLD_BPS} basis points`);
  }
}

/** Whether carrying out the motion would change anything: granting a role not held, taking one that is. */
export function motionApplies(motion: RoleMotion, target: MotionTarget): boolean {
  if (target.kind !== 'member') return false;
  const holds = target.roles.includes(motion.role);
  return motion.kind === 'grant-role' ? !holds : holds;
}

/** At drafting (and revising): a motion about nobody, or one that would change nothing, is refused. */
export function assertMotionApplies(motion: Motion, target: MotionTarget | null): void {
  if (motion.kind === 'general') return;
  if (target === null || target.memberId !== motion.memberId) throw new Error('the handler must load the member the motion names');
  if (target.kind === 'no-member') throw new NotFound('member', motion.memberId);
  if (motionApplies(motion, target)) return;
  if (motion.kind === 'grant-role') throw new RuleBroken('role-already-held', `member ${motion.memberId} already holds the ${motion.role} role`);
  throw new RuleBroken('role-not-held', `member ${motion.memberId} does not hold the ${motion.role} role`);
}

/** The member a motion names, if any: the handler loads that member's stream. */
export const motionMemberId = (motion: Motion): string | null => (motion.kind === 'general' ? null : motion.memberId);
