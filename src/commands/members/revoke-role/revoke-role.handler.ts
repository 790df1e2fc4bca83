import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Appended } from '../../shared/aggregate-store.js';
import { RoleConsequences, type Cause } from '../role-consequence.js';
import type { RevokeRole } from './revoke-role.command.js';
import { decideRevokeRole } from './revoke-role.decide.js';

export class RevokeRoleRequest extends Command<Appended> {
  constructor(
    readonly command: RevokeRole,
    /** Deterministic (derived from the cause), so that revoking twice appends once. */
    readonly eventId: string,
    readonly cause: Cause,
  ) {
    super();
  }
}

/** Dispatched by the consequences process manager only; there is no route to it. */
@CommandHandler(RevokeRoleRequest)
export class RevokeRoleHandler implements ICommandHandler<RevokeRoleRequest> {
  constructor(private readonly consequences: RoleConsequences) {}

  execute({ command, eventId, cause }: RevokeRoleRequest): Promise<Appended> {
    return this.consequences.apply(command.memberId, eventId, cause, (state) => decideRevokeRole(state, command));
  }
}
