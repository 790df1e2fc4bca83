import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { DomainError, InvalidInput } from '../commands/shared/domain-errors.js';
import { ConfigError } from '../config/config.js';
import { CliError, CliFailure } from './cli-errors.js';
import { generateKeyFile, KeyFileError, readKeyFile, writeKeyFile } from './key-file.js';

/** Exit codes: 0 done, 1 refused or failed, 2 usage or input error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const SIGN_HELP = `
The output is the "act" object that an API client puts in the request body next to the command's
fields. The signature is Ed25519 over the RFC 8785 canonical JSON of
  { command, actor, keyId, issuedAt, nonce, ...fields }
where fields are the request's body fields AND its path ids:
  members.RegisterKey       {"publicKey"}                   POST /api/members/me/keys
  members.VerifyMember      {"memberId"}                    POST /api/members/{memberId}/verification
  governance.DraftProposal  {"proposalId","title","body","rules"}   POST /api/proposals
  governance.OpenProposal   {"proposalId","closesAt"}       POST /api/proposals/{proposalId}/open
  governance.CastVote       {"proposalId","choice"}         POST /api/proposals/{proposalId}/votes

governance.DraftProposal: the body is signed by its digest, not its text. The signed fields are
{ proposalId, title, bodySha256, rules } with bodySha256 the hex SHA-256 of the UTF-8 body; when
--fields contains "body", civic sign replaces it by "bodySha256" for you (send the body itself in
the request). The act must reach the server within ACT_MAX_SKEW_SECONDS (300 s by default) of
--issued-at (default: now).

Example:
  civic sign --key asha.key.json --actor 0190c6f2-... --command governance.CastVote \\
    --fields '{"proposalId":"0190c6f3-...","choice":"yes"}'
`;

const ENVIRONMENT_HELP = `
Database: the same as the app's. DATABASE_URL selects a PostgreSQL server; without it the CLI
connects to the embedded server of a running app under DATA_DIR (default .data), or starts it.

Exit codes: 0 done, 1 refused or failed, 2 usage or input error.
`;

/** Runs `work` with the database and event store of the app, closed afterwards. */
async function withContext(work: (ctx: import('./cli-context.js').CliContext) => Promise<void>): Promise<void> {
  const { openCliContext } = await import('./cli-context.js');
  const ctx = await openCliContext();
  try {
    await work(ctx);
  } finally {
    await ctx.close();
  }
}

function print(json: boolean, value: unknown, text: string): void {
  console.log(json ? JSON.stringify(value, null, 2) : text);
}

function buildProgram(): Command {
  const program = new Command('civic')
    .description('Civic Ledger operator CLI: projections, member keys, signed acts, first steward, demo community.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', ENVIRONMENT_HELP);

  const projections = program.command('projections').description('read-model projections: list, status, rebuild, pause, resume');
  projections
    .command('list')
    .description('the projections of this build: name, version, event types read, tables owned')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { projectionsList } = await import('./projections-commands.js');
      projectionsList(options.json === true);
    });
  projections
    .command('status')
    .description('each projection: version, position, the log head, lag in events and seconds, state (running, rebuilding, paused, failed with the error, stopped)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { projectionsStatus } = await import('./projections-commands.js');
      await withContext((ctx) => projectionsStatus(ctx, options.json === true));
    });
  projections
    .command('rebuild')
    .description('rebuild a projection blue-green: the new tables are built beside the live ones, which keep answering, then swapped in (with a progress bar)')
    .argument('[name]', 'projection name (see `civic projections list`)')
    .option('--all', 'rebuild every projection, one after the other')
    .option('--batch-size <events>', 'events per transaction of the rebuild (default 40000)', (v: string) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('must be a whole number from 1 to 100000');
      return n;
    })
    .option('--json', 'print the result as JSON instead of a progress bar')
    .addHelpText('after', '\nRefused (exit 1) while another rebuild of the same projection runs. An interrupted rebuild resumes when run again.\n')
    .action(async (name: string | undefined, options: { all?: boolean; json?: boolean; batchSize?: number }) => {
      const { projectionNamed, projectionsRebuild } = await import('./projections-commands.js');
      if (name !== undefined) projectionNamed(name); // an unknown name is refused before connecting to anything
      await withContext((ctx) => projectionsRebuild(ctx, name, { all: options.all === true, json: options.json === true, batchSize: options.batchSize }));
    });
  projections
    .command('pause')
    .description('stop applying events to a projection (in every process) until it is resumed; its queries keep answering')
    .argument('<name>', 'projection name (see `civic projections list`)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const { projectionNamed, projectionsPause } = await import('./projections-commands.js');
      projectionNamed(name);
      await withContext((ctx) => projectionsPause(ctx, name, options.json === true));
    });
  projections
    .command('resume')
    .description('resume a paused projection; a failed one retries from the event that failed (after a fix)')
    .argument('<name>', 'projection name (see `civic projections list`)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const { projectionNamed, projectionsResume } = await import('./projections-commands.js');
      projectionNamed(name);
      await withContext((ctx) => projectionsResume(ctx, name, options.json === true));
    });

  const keys = program.command('keys').description("members' Ed25519 signing keys");
  keys
    .command('generate')
    .description('generate a signing key into a new key file (JSON, private key in PKCS#8 PEM, mode 0600)')
    .requiredOption('--out <file>', 'where to write the key file; an existing file is never overwritten')
    .option('--json', 'print JSON')
    .action((options: { out: string; json?: boolean }) => {
      const path = resolve(options.out);
      if (existsSync(path)) throw new CliError(`${options.out} exists; refusing to overwrite a key file`);
      if (!existsSync(dirname(path))) throw new CliError(`cannot write ${options.out}: folder ${dirname(path)} does not exist`);
      const key = generateKeyFile();
      try {
        writeKeyFile(path, key);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new CliError(`${options.out} exists; refusing to overwrite a key file`);
        throw new CliFailure(`cannot write ${options.out}: ${(error as Error).message}`);
      }
      print(options.json === true, { file: path, keyId: key.keyId, publicKey: key.publicKey }, `wrote ${options.out}\nkeyId     ${key.keyId}\npublicKey ${key.publicKey}\nKeep it secret: whoever holds this file can sign acts in your name.`);
    });

  program
    .command('sign')
    .description("sign a member's command with a key file; prints the act { keyId, issuedAt, nonce, signature }")
    .requiredOption('--key <file>', 'key file (from `civic keys generate`)')
    .requiredOption('--actor <memberId>', 'member id of the signer')
    .requiredOption('--command <type>', 'command type, e.g. governance.CastVote')
    .requiredOption('--fields <json>', "the command's fields as a JSON object (body fields and path ids)")
    .option('--issued-at <iso>', 'signing time (ISO 8601); default now')
    .option('--nonce <nonce>', 'unique per act (8-128 characters); default a random UUID')
    .addHelpText('after', SIGN_HELP)
    .action(async (options: { key: string; actor: string; command: string; fields: string; issuedAt?: string; nonce?: string }) => {
      const { parseFields, signCommand, signedFields } = await import('./sign.js');
      const fields = parseFields(options.fields);
      signedFields(options.command, fields); // the command and fields are checked before the key file is read
      const { file, privateKey } = readKeyFile(options.key);
      const act = signCommand({ command: options.command, actor: options.actor, keyId: file.keyId, privateKey, fields, issuedAt: options.issuedAt, nonce: options.nonce });
      console.log(JSON.stringify(act, null, 2));
    });

  const members = program.command('members').description('members: the first steward');
  members
    .command('bootstrap')
    .description('register a member (or find them by email), register their key, and make them the first steward')
    .requiredOption('--email <email>', "the member's email (private: kept off the log)")
    .requiredOption('--handle <handle>', 'public handle: 3-32 of a-z 0-9 _ -, starting with a letter')
    .requiredOption('--password-file <file>', 'file holding the password (10-200 characters; a trailing newline is ignored)')
    .option('--key <file>', 'key file whose public key to register for the member')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nRefused when the community already has a steward: further roles are granted by passed proposals.\n')
    .action(async (options: { email: string; handle: string; passwordFile: string; key?: string; json?: boolean }) => {
      const { membersBootstrap } = await import('./members-commands.js');
      await membersBootstrap(options);
    });

  program
    .command('audit')
    .description("verify an instance's public ledger: checkpoint signature, every entry, tile and the root, every event, and consistency with the last audit")
    .argument('[url]', 'the instance URL, e.g. https://civic.example.org')
    .option('--file <folder>', 'audit a folder written by `civic ledger export` instead (events are not compared)')
    .option('--key <verifierKey>', "the log's public verifier key (<name>+<hex id>+<base64>); default LEDGER_VERIFIER_KEY")
    .option('--state <file>', 'where the last checkpoint seen is kept', 'civic-audit-state.json')
    .option('--origin <origin>', "the log's expected origin (default: the key's name)")
    .option('--no-events', 'do not compare entries with the events served by /api/ledger/events')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExit 0 when everything verifies; 1 naming the first index that does not.\n')
    .action(async (url: string | undefined, options: { key?: string; file?: string; state?: string; origin?: string; events?: boolean; json?: boolean }) => {
      const { auditCommand } = await import('./audit-commands.js');
      await auditCommand(url, options);
    });
  const ledger = program.command('ledger').description('the public ledger of this instance');
  ledger
    .command('key')
    .description("print the ledger's public verifier key (give it to auditors)")
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { ledgerKeyCommand } = await import('./audit-commands.js');
      ledgerKeyCommand(options.json === true);
    });
  ledger
    .command('export')
    .description("copy an instance's ledger (checkpoint, tiles, entry bundles) into a folder, in the tlog-tiles layout")
    .argument('<url>', 'the instance URL')
    .requiredOption('--out <folder>', 'where to write it')
    .option('--json', 'print JSON')
    .action(async (url: string, options: { out: string; json?: boolean }) => {
      const { ledgerExportCommand } = await import('./audit-commands.js');
      await ledgerExportCommand(url, options.out, options.json === true);
    });

  program
    .command('event-store')
    .description('the event store of this instance')
    .command('copy')
    .description('copy the log into an EventStoreDB server, every event at the same position (moving to EVENT_STORE=eventstoredb; run with the instance stopped, again to resume)')
    .requiredOption('--to <connectionString>', 'the EventStoreDB server, e.g. esdb://eventstoredb:2113?tls=false; it must be empty or hold an earlier copy of this log')
    .option('--json', 'print JSON')
    .action(async (options: { to: string; json?: boolean }) => {
      const { eventStoreCopy, eventStoreDbTarget } = await import('./event-store-commands.js');
      const target = eventStoreDbTarget(options.to); // a bad connection string is refused before connecting to anything
      try {
        await withContext((ctx) => eventStoreCopy(ctx, target, options.json === true));
      } finally {
        await target.close();
      }
    });

  const demo = program.command('demo').description('the demo community');
  demo
    .command('seed')
    .description('load the demo community (9 members, proposals closed, open and drafted) into an empty log')
    .option('--force', 'load it even though the log has events (still refused when a steward exists)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nDEMO ONLY: the demo members log in as <handle>@demo.civic with passwords demo-password-1 ... demo-password-9\n' +
        '(asha@demo.civic / demo-password-1 is the steward). The app loads the same demo on its first start\n' +
        'unless DEMO_SEED=false.\n',
    )
    .action(async (options: { force?: boolean; json?: boolean }) => {
      const { demoSeed } = await import('./demo-commands.js');
      await demoSeed(options);
    });

  return program;
}

function fail(code: number, message: string): number {
  process.stderr.write(`civic: ${message}\n`);
  return code;
}

/** Runs the CLI on `argv` (process.argv: node, script, arguments...) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'node' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message (or the help) already.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError || error instanceof KeyFileError || error instanceof ConfigError) return fail(EXIT.usage, error.message);
    if (error instanceof InvalidInput) return fail(EXIT.usage, `${error.field}: ${error.message}`);
    if (error instanceof CliFailure) return fail(EXIT.failure, error.message);
    if (error instanceof DomainError) return fail(EXIT.failure, `refused (${error.code}): ${error.message}`);
    const message = error instanceof Error ? error.message || error.name : String(error);
    if (process.env.CIVIC_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return fail(EXIT.failure, `${message}${process.env.CIVIC_DEBUG ? '' : ' (CIVIC_DEBUG=1 shows details)'}`);
  }
}
