import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import pg from 'pg';
import type { ActDto } from '../../../../api/act.dto.js';
import { PG_POOL } from '../../../../database/database.providers.js';
import { EVENT_STORE, type EventStore } from '../../../../event-store/event-store.port.js';
import { electionStream } from '../../../../events/governance/election-events.js';
import { ProjectionsService } from '../../../../projections/projections.service.js';
import { countElectorate } from '../../../../read-models/members/member-queries.js';
import { ActingMembers } from '../../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../../shared/aggregate-store.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { ProjectionBehind } from '../../../shared/domain-errors.js';
import { voterFrom } from '../../voter.js';
import { electionModel } from '../election-model.js';
import { decideCallElection } from './call-election.decide.js';

export const CALL_ELECTION = 'governance.CallElection';

export interface CallElectionFields {
  electionId: string;
  title: string;
  role: string | null;
  seats: number;
  method: string;
  nominationsCloseAt: string;
  closesAt: string;
}

export class CallElectionRequest extends Command<Appended> {
  constructor(
    readonly fields: CallElectionFields,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Like a proposal's opening, the electorate is cut at the log head and counted once the members read model has applied it. */
@CommandHandler(CallElectionRequest)
export class CallElectionHandler implements ICommandHandler<CallElectionRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async execute(request: CallElectionRequest): Promise<Appended> {
    const { fields, meta } = request;
    const { member, act } = await this.members.signedBy(meta.actor, CALL_ELECTION, { ...fields }, request.act, meta.now);
    const asOfPosition = (await this.store.headPosition()) - 1;
    if (asOfPosition >= 0 && !(await this.projections.waitFor(['members'], asOfPosition))) {
      throw new ProjectionBehind('members', asOfPosition);
    }
    const size = asOfPosition >= 0 ? await countElectorate(this.pool, asOfPosition) : 0;
    return this.aggregates.handle(
      electionStream(fields.electionId),
      electionModel,
      (state) =>
        decideCallElection(state, {
          ...fields,
          caller: voterFrom(member),
          nominationsCloseAt: new Date(fields.nominationsCloseAt),
          closesAt: new Date(fields.closesAt),
          electorate: { asOfPosition, size },
          meta,
        }),
      meta,
      act,
    );
  }
}
