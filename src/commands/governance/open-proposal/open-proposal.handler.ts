import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import pg from 'pg';
import type { ActDto } from '../../../api/act.dto.js';
import { PG_POOL } from '../../../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../../../event-store/event-store.port.js';
import { proposalStream } from '../../../events/governance/proposal-events.js';
import { ProjectionsService } from '../../../projections/projections.service.js';
import { countElectorate } from '../../../read-models/members/member-queries.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { ProjectionBehind } from '../../shared/domain-errors.js';
import { proposalModel } from '../proposal-model.js';
import { voterFrom } from '../voter.js';
import { decideOpenProposal } from './open-proposal.decide.js';

export const OPEN_PROPOSAL = 'governance.OpenProposal';

export class OpenProposalRequest extends Command<Appended> {
  constructor(
    readonly proposalId: string,
    readonly closesAt: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * The electorate is cut at the log head: every member verified at or before that position. Its
 * size comes from the members read model once that has applied the head, so anyone replaying
 * the log up to `asOfPosition` counts the same number.
 */
@CommandHandler(OpenProposalRequest)
export class OpenProposalHandler implements ICommandHandler<OpenProposalRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async execute(request: OpenProposalRequest): Promise<Appended> {
    const fields = { proposalId: request.proposalId, closesAt: request.closesAt };
    const { member, act } = await this.members.signedBy(request.meta.actor, OPEN_PROPOSAL, fields, request.act, request.meta.now);
    const asOfPosition = (await this.store.headPosition()) - 1;
    if (asOfPosition >= 0 && !(await this.projections.waitFor(['members'], asOfPosition))) {
      throw new ProjectionBehind('members', asOfPosition);
    }
    const size = asOfPosition >= 0 ? await countElectorate(this.pool, asOfPosition) : 0;
    return this.aggregates.handle(
      proposalStream(request.proposalId),
      proposalModel,
      (state) =>
        decideOpenProposal(state, {
          proposalId: request.proposalId,
          actor: voterFrom(member),
          closesAt: new Date(request.closesAt),
          electorate: { asOfPosition, size },
          meta: request.meta,
        }),
      request.meta,
      act,
    );
  }
}
