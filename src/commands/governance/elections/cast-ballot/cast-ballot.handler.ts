import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../../api/act.dto.js';
import { electionStream } from '../../../../events/governance/election-events.js';
import { ActingMembers } from '../../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../../shared/aggregate-store.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { voterFrom } from '../../voter.js';
import { electionModel } from '../election-model.js';
import { decideCastBallot } from './cast-ballot.decide.js';

export const CAST_BALLOT = 'governance.CastBallot';

export class CastBallotRequest extends Command<Appended> {
  constructor(
    readonly electionId: string,
    readonly choices: string[],
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(CastBallotRequest)
export class CastBallotHandler implements ICommandHandler<CastBallotRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: CastBallotRequest): Promise<Appended> {
    const fields = { electionId: request.electionId, choices: request.choices };
    const { member, act } = await this.members.signedBy(request.meta.actor, CAST_BALLOT, fields, request.act, request.meta.now);
    return this.aggregates.handle(
      electionStream(request.electionId),
      electionModel,
      (state) => decideCastBallot(state, { ...fields, voter: voterFrom(member), nonce: request.act.nonce, meta: request.meta }),
      request.meta,
      act,
    );
  }
}
