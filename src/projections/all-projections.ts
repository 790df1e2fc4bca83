import { commentsProjection } from './governance/comments.projection.js';
import { decisionLogProjection } from './governance/decision-log.projection.js';
import { delegationsProjection } from './governance/delegations.projection.js';
import { electionsProjection } from './governance/elections.projection.js';
import { proposalsProjection } from './governance/proposals.projection.js';
import { membersProjection } from './members/members.projection.js';
import { moderationProjection } from './moderation/moderation.projection.js';
import { arbitrationProjection } from './arbitration/arbitration.projection.js';
import type { Projection } from './projection.js';
import { transactionRecordsProjection } from './records/transaction-records.projection.js';
import { contractsProjection } from './contracts/contracts.projection.js';

/** Every projection the projector role runs; a new one is added here. */
export const ALL_PROJECTIONS: readonly Projection[] = [membersProjection, proposalsProjection, decisionLogProjection, commentsProjection, electionsProjection, moderationProjection, arbitrationProjection, transactionRecordsProjection, contractsProjection, delegationsProjection];
