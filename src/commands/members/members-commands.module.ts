import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AggregateStore } from '../shared/aggregate-store.js';
import { ActingMembers } from './acting-member.js';
import { LeaveController } from './leave/leave.controller.js';
import { LeaveHandler } from './leave/leave.handler.js';
import { LiftSuspensionHandler } from './lift-suspension/lift-suspension.handler.js';
import { AttestKeyRotationController, RotateKeyController } from './rotate-key/rotate-key.controller.js';
import { AttestKeyRotationHandler, RotateKeyHandler } from './rotate-key/rotate-key.handler.js';
import { SuspendMemberHandler } from './suspend-member/suspend-member.handler.js';

/** The member lifecycle: key rotation, suspension (dispatched by moderation) and leaving. */
@Module({
  imports: [CqrsModule],
  controllers: [RotateKeyController, AttestKeyRotationController, LeaveController],
  providers: [AggregateStore, ActingMembers, RotateKeyHandler, AttestKeyRotationHandler, SuspendMemberHandler, LiftSuspensionHandler, LeaveHandler],
})
export class MembersCommandsModule {}
