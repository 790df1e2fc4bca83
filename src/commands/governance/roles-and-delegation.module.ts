import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ActingMembers } from '../members/acting-member.js';
import { GrantRoleHandler } from '../members/grant-role/grant-role.handler.js';
import { RevokeRoleHandler } from '../members/revoke-role/revoke-role.handler.js';
import { RoleConsequences } from '../members/role-consequence.js';
import { AggregateStore } from '../shared/aggregate-store.js';
import { ConsequencesManager } from './consequences/consequences.manager.js';
import { DelegateVoteController } from './delegate-vote/delegate-vote.controller.js';
import { DelegateVoteHandler } from './delegate-vote/delegate-vote.handler.js';
import { RevokeDelegationController } from './revoke-delegation/revoke-delegation.controller.js';
import { RevokeDelegationHandler } from './revoke-delegation/revoke-delegation.handler.js';

/** Delegation of votes, and the roles that passed proposals and won elections grant or take away. */
@Module({
  imports: [CqrsModule],
  controllers: [DelegateVoteController, RevokeDelegationController],
  providers: [AggregateStore, ActingMembers, RoleConsequences, GrantRoleHandler, RevokeRoleHandler, DelegateVoteHandler, RevokeDelegationHandler, ConsequencesManager],
  exports: [ConsequencesManager],
})
export class RolesAndDelegationModule {}
