import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DemoModule } from '../../../demo/demo.module.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore } from '../../shared/aggregate-store.js';
import { CallElectionController } from './call-election/call-election.controller.js';
import { CallElectionHandler } from './call-election/call-election.handler.js';
import { CastBallotController } from './cast-ballot/cast-ballot.controller.js';
import { CastBallotHandler } from './cast-ballot/cast-ballot.handler.js';
import { CloseElectionController } from './close-election/close-election.controller.js';
import { CloseElectionHandler } from './close-election/close-election.handler.js';
import { ElectionCloser } from './close-election/election-closer.js';
import { DeclareCandidacyController } from './declare-candidacy/declare-candidacy.controller.js';
import { DeclareCandidacyHandler } from './declare-candidacy/declare-candidacy.handler.js';
import { WithdrawCandidacyController } from './withdraw-candidacy/withdraw-candidacy.controller.js';
import { WithdrawCandidacyHandler } from './withdraw-candidacy/withdraw-candidacy.handler.js';

/** Elections: calling, candidacies, ballots and the derived close with its count. */
@Module({
  // DemoModule sits below this module so that the demo seed (its past elections included) runs before the election closer starts.
  imports: [CqrsModule, DemoModule],
  controllers: [CallElectionController, DeclareCandidacyController, WithdrawCandidacyController, CastBallotController, CloseElectionController],
  providers: [AggregateStore, ActingMembers, CallElectionHandler, DeclareCandidacyHandler, WithdrawCandidacyHandler, CastBallotHandler, CloseElectionHandler, ElectionCloser],
  exports: [ElectionCloser],
})
export class ElectionsCommandsModule {}
