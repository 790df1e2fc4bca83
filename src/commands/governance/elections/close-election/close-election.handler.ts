import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { electionStream } from '../../../../events/governance/election-events.js';
import { AggregateStore, type Appended } from '../../../shared/aggregate-store.js';
import type { CommandMeta } from '../../../shared/command-meta.js';
import { electionModel } from '../election-model.js';
import { decideCloseElection } from './close-election.decide.js';

export class CloseElectionRequest extends Command<Appended> {
  constructor(
    readonly electionId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** A derived act of the system: no signature, the count is recomputable from the ballots on the log. */
@CommandHandler(CloseElectionRequest)
export class CloseElectionHandler implements ICommandHandler<CloseElectionRequest> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute(request: CloseElectionRequest): Promise<Appended> {
    return this.aggregates.handle(
      electionStream(request.electionId),
      electionModel,
      (state) => decideCloseElection(state, { electionId: request.electionId, meta: request.meta }),
      request.meta,
    );
  }
}
