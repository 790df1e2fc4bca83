import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DemoModule } from '../demo/demo.module.js';
import { CastVoteController } from './governance/cast-vote/cast-vote.controller.js';
import { CastVoteHandler } from './governance/cast-vote/cast-vote.handler.js';
import { CloseProposalController } from './governance/close-proposal/close-proposal.controller.js';
import { CloseProposalHandler } from './governance/close-proposal/close-proposal.handler.js';
import { ProposalCloser } from './governance/close-proposal/proposal-closer.js';
import { DraftProposalController } from './governance/draft-proposal/draft-proposal.controller.js';
import { DraftProposalHandler } from './governance/draft-proposal/draft-proposal.handler.js';
import { OpenProposalController } from './governance/open-proposal/open-proposal.controller.js';
import { OpenProposalHandler } from './governance/open-proposal/open-proposal.handler.js';
import { CancelProposalController } from './governance/cancel-proposal/cancel-proposal.controller.js';
import { CancelProposalHandler } from './governance/cancel-proposal/cancel-proposal.handler.js';
import { PostCommentController } from './governance/post-comment/post-comment.controller.js';
import { PostCommentHandler } from './governance/post-comment/post-comment.handler.js';
import { RetractCommentController } from './governance/retract-comment/retract-comment.controller.js';
import { RetractCommentHandler } from './governance/retract-comment/retract-comment.handler.js';
import { ReviseProposalController } from './governance/revise-proposal/revise-proposal.controller.js';
import { ReviseProposalHandler } from './governance/revise-proposal/revise-proposal.handler.js';
import { SubmitProposalController } from './governance/submit-proposal/submit-proposal.controller.js';
import { SubmitProposalHandler } from './governance/submit-proposal/submit-proposal.handler.js';
import { WithdrawProposalController } from './governance/withdraw-proposal/withdraw-proposal.controller.js';
import { WithdrawProposalHandler } from './governance/withdraw-proposal/withdraw-proposal.handler.js';
import { ActingMembers } from './members/acting-member.js';
import { BootstrapStewardHandler } from './members/grant-role/bootstrap-steward.handler.js';
import { RegisterKeyController } from './members/register-key/register-key.controller.js';
import { RegisterKeyHandler } from './members/register-key/register-key.handler.js';
import { RegisterMemberController } from './members/register-member/register-member.controller.js';
import { RegisterMemberHandler } from './members/register-member/register-member.handler.js';
import { VerifyMemberController } from './members/verify-member/verify-member.controller.js';
import { VerifyMemberHandler } from './members/verify-member/verify-member.handler.js';
import { AggregateStore } from './shared/aggregate-store.js';
import { RecordsCommandsModule } from './records/records-commands.module.js';
import { ContractsCommandsModule } from './contracts/contracts-commands.module.js';
import { MembersCommandsModule } from './members/members-commands.module.js';
import { ModerationCommandsModule } from './moderation/moderation-commands.module.js';
import { ArbitrationCommandsModule } from './arbitration/arbitration-commands.module.js';
import { ElectionsCommandsModule } from './governance/elections/elections-commands.module.js';
import { RolesAndDelegationModule } from './governance/roles-and-delegation.module.js';

/** Every command: a handler (load, decide, append) and its thin controller. */
@Module({
  // DemoModule sits below this module so that the demo seed runs before the proposal closer starts.
  imports: [CqrsModule.forRoot(), DemoModule, ModerationCommandsModule, ArbitrationCommandsModule, ElectionsCommandsModule, RolesAndDelegationModule, MembersCommandsModule, RecordsCommandsModule, ContractsCommandsModule],
  controllers: [
    RegisterMemberController,
    RegisterKeyController,
    VerifyMemberController,
    DraftProposalController,
    OpenProposalController,
    CastVoteController,
    CloseProposalController,
    ReviseProposalController,
    SubmitProposalController,
    WithdrawProposalController,
    CancelProposalController,
    PostCommentController,
    RetractCommentController,
  ],
  providers: [
    AggregateStore,
    ActingMembers,
    RegisterMemberHandler,
    RegisterKeyHandler,
    VerifyMemberHandler,
    BootstrapStewardHandler,
    DraftProposalHandler,
    OpenProposalHandler,
    CastVoteHandler,
    CloseProposalHandler,
    ProposalCloser,
    ReviseProposalHandler,
    SubmitProposalHandler,
    WithdrawProposalHandler,
    CancelProposalHandler,
    PostCommentHandler,
    RetractCommentHandler,
  ],
  exports: [CqrsModule, ProposalCloser],
})
export class CommandsModule {}
