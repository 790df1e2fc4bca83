/** A usage or input problem: printed as a message, exit code 2. */
export class CliError extends Error {}

/** The command was understood but refused or could not be done: printed as a message, exit code 1. */
export class CliFailure extends Error {}
