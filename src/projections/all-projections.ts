import { commentsProjection } from './governance/comments.projection.js';
import { decisionLogProjection } from './governance/decision-log.projection.js';
import { proposalsProjection } from './governance/proposals.projection.js';
import { membersProjection } from './members/members.projection.js';
import type { Projection } from './projection.js';

/** Every projection the projector role runs; a new one is added here. */
export const ALL_PROJECTIONS: readonly Projection[] = [membersProjection, proposalsProjection, decisionLogProjection, commentsProjection];
