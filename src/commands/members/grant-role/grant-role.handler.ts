import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Appended } from '../../shared/aggregate-store.js';
import { RoleConsequences, type Cause } from '../role-consequence.js';
import type { GrantRole } from './grant-role.command.js';
import { decideGrantRole } from './grant-role.decide.js';

export class GrantRoleRequest extends Command<Appended> {
  constructor(
    readonly command: GrantRole,
    /** Deterministic (derived from the cause), so that granting twice appends once. */
    readonly eventId: string,
    readonly cause: Cause,
  ) {
    super();
  }
}

/** Dispatched by the consequences process manager only; there is no route to it. */
@CommandHandler(GrantRoleRequest)
export class GrantRoleHandler implements ICommandHandler<GrantRoleRequest> {
  constructor(private readonly consequences: RoleConsequences) {}

  execute({ command, eventId, cause }: GrantRoleRequest): Promise<Appended> {
    return this.consequences.apply(command.memberId, eventId, cause, (state) => decideGrantRole(state, command));
  }
}
