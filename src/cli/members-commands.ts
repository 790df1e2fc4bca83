import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isEmail } from 'class-validator';
import { ActingMembers } from '../commands/members/acting-member.js';
import { BootstrapStewardRequest } from '../commands/members/grant-role/bootstrap-steward.handler.js';
import { REGISTER_KEY, RegisterKeyRequest } from '../commands/members/register-key/register-key.handler.js';
import { HANDLE_PATTERN } from '../commands/members/register-member/register-member.dto.js';
import { RegisterMemberRequest } from '../commands/members/register-member/register-member.handler.js';
import { metaAt } from '../commands/shared/command-meta.js';
import { NotFound } from '../commands/shared/domain-errors.js';
import { signAct } from '../commands/shared/signed-act.js';
import { stewardExists } from '../demo/community-facts.js';
import { Accounts } from '../identity/accounts.js';
import { openCliApp } from './cli-context.js';
import { CliError, CliFailure } from './cli-errors.js';
import { readKeyFile } from './key-file.js';

export interface BootstrapOptions {
  email: string;
  handle: string;
  passwordFile: string;
  key?: string;
  json?: boolean;
}

function readPassword(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read password file ${path}: ${(error as Error).message}`);
  }
  // A file written by `echo` ends with a newline that is not part of the password.
  const password = text.replace(/\r?\n$/, '');
  if ([...password].length < 10 || [...password].length > 200) throw new CliError(`the password in ${path} must be 10 to 200 characters`);
  return password;
}

/**
 * Registers the member (or finds them by email), registers their key when given, and makes them the
 * first steward. Everything goes through the command handlers, as the API would do it.
 */
export async function membersBootstrap(options: BootstrapOptions): Promise<void> {
  // Input first: nothing is written when the input is wrong.
  if (!isEmail(options.email)) throw new CliError(`--email "${options.email}" is not an email address`);
  if (!HANDLE_PATTERN.test(options.handle)) throw new CliError(`--handle "${options.handle}" must be 3-32 characters of a-z, 0-9, _ or -, starting with a letter`);
  const password = readPassword(options.passwordFile);
  const key = options.key === undefined ? undefined : readKeyFile(options.key);

  const ctx = await openCliApp();
  try {
    if (await stewardExists(ctx.store)) {
      throw new CliFailure('the community already has a steward: bootstrap makes only the first one (later roles are granted by passed proposals)');
    }
    const accounts = ctx.app.get(Accounts);
    const members = ctx.app.get(ActingMembers);
    const existing = await accounts.findByEmail(options.email);
    const registered = existing ? await members.load(existing.memberId).catch((error: unknown) => (error instanceof NotFound ? undefined : Promise.reject(error))) : undefined;
    let memberId: string;
    let created = false;
    if (registered) {
      memberId = registered.memberId;
      if (registered.handle !== options.handle) process.stderr.write(`civic: note: ${options.email} is already member @${registered.handle}; using that member\n`);
    } else {
      ({ memberId } = await ctx.commands.execute(new RegisterMemberRequest(options.email, password, options.handle, metaAt('system', ctx.clock.now()))));
      created = true;
    }
    let keyRegistered = false;
    if (key) {
      const state = await members.load(memberId);
      if (!Object.hasOwn(state.keys, key.file.keyId)) {
        const now = ctx.clock.now();
        const command = { command: REGISTER_KEY, actor: memberId, keyId: key.file.keyId, issuedAt: now.toISOString(), nonce: randomUUID(), publicKey: key.file.publicKey };
        const { signature } = signAct(command, key.privateKey);
        const act = { keyId: command.keyId, issuedAt: command.issuedAt, nonce: command.nonce, signature };
        await ctx.commands.execute(new RegisterKeyRequest(memberId, key.file.publicKey, act, metaAt(memberId, now)));
        keyRegistered = true;
      }
    }
    const { position } = await ctx.commands.execute(new BootstrapStewardRequest(memberId, metaAt('system', ctx.clock.now())));
    const result = { memberId, handle: registered?.handle ?? options.handle, created, keyId: key?.file.keyId ?? null, keyRegistered, roles: ['steward', 'verifier'], position };
    if (options.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(`${created ? 'registered' : 'found'} member ${memberId} (@${result.handle})`);
      if (key) console.log(keyRegistered ? `registered key ${key.file.keyId}` : `key ${key.file.keyId} was already registered`);
      console.log(`@${result.handle} is the first steward (and a verifier), verified by the system`);
    }
  } finally {
    await ctx.close();
  }
}
