import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/config.js';
import { AuditMismatch, audit } from '../ledger/audit/auditor.js';
import { exportLedger, folderFetch } from '../ledger/audit/mirror.js';
import { NoteError, NoteSigner, NoteVerifier } from '../ledger/note/note.js';
import { CliError, CliFailure } from './cli-errors.js';

export interface AuditCliOptions {
  key?: string;
  /** Audit a folder written by `civic ledger export` instead of a live instance. */
  file?: string;
  state?: string;
  origin?: string;
  events?: boolean;
  json?: boolean;
}

/** `civic audit <url> --key <verifier key>`: exit 0 when everything verifies, 1 naming the index otherwise. */
export async function auditCommand(urlArgument: string | undefined, options: AuditCliOptions): Promise<void> {
  if ((urlArgument === undefined) === (options.file === undefined)) throw new CliError('give either an instance URL or --file <folder from civic ledger export>');
  const url = urlArgument ?? 'file://export';
  const key = options.key ?? process.env.LEDGER_VERIFIER_KEY;
  if (!key) throw new CliError('--key <verifier key> is required (or LEDGER_VERIFIER_KEY): the log\'s public key, as `civic ledger key` prints it');
  let verifier: NoteVerifier;
  try {
    verifier = NoteVerifier.parse(key);
  } catch (error) {
    throw new CliError(`--key: ${(error as NoteError).message}`);
  }
  if (!options.file && !/^https?:\/\//.test(url)) throw new CliError(`expected an http(s) URL, got "${url}"`);
  if (options.file && !existsSync(join(options.file, 'checkpoint'))) throw new CliError(`${options.file} is not a ledger export (no checkpoint in it)`);
  const stateFile = resolve(options.state ?? 'civic-audit-state.json');
  try {
    const report = await audit({
      url,
      verifier,
      origin: options.origin,
      stateFile,
      // An export holds the ledger only: the events are compared when auditing a live instance.
      checkEvents: options.events !== false && !options.file,
      ...(options.file ? { fetch: folderFetch(options.file) } : {}),
    });
    if (options.json) {
      console.log(JSON.stringify({ ok: true, ...report, stateFile }, null, 2));
      return;
    }
    console.log(`ok: ${report.origin} at size ${report.size}, root ${report.root}`);
    console.log(`  signature verified with ${verifier.toString()}`);
    console.log(`  every leaf, tile and the root recomputed; ${report.eventsChecked} events match their entries`);
    console.log(`  ${report.actsChecked} signed acts verify with the keys registered on the log`);
    console.log(
      `  ${report.proposalsRecomputed} proposal results recomputed from their votes and delegations, ${report.electionsRecomputed} elections recounted from their ballots` +
        (report.decisionLogCompared ? '; the published decision log matches them' : ' (the decision log is compared when auditing a live instance)'),
    );
    console.log(report.previousSize === null ? `  first audit: state kept in ${stateFile}` : `  consistent with the checkpoint of size ${report.previousSize} seen last time`);
  } catch (error) {
    if (error instanceof AuditMismatch) {
      if (options.json) console.log(JSON.stringify({ ok: false, index: error.index ?? null, error: error.message }, null, 2));
      throw new CliFailure(`audit failed${error.index !== undefined ? ` at index ${error.index}` : ''}: ${error.message}`);
    }
    throw error;
  }
}

/** `civic ledger key`: the public verifier key of this instance's ledger (from its configuration). */
export function ledgerKeyCommand(json: boolean): void {
  const config = loadConfig();
  const verifierKey = NoteSigner.parse(config.ledgerKey).verifier.toString();
  console.log(json ? JSON.stringify({ origin: config.ledgerOrigin, verifierKey }, null, 2) : verifierKey);
}

/** `civic ledger export <url> --out <folder>`: the checkpoint, tiles and entry bundles, in the static layout. */
export async function ledgerExportCommand(url: string, out: string, json: boolean): Promise<void> {
  if (!/^https?:\/\//.test(url)) throw new CliError(`expected an http(s) URL, got "${url}"`);
  if (existsSync(join(out, 'checkpoint'))) throw new CliError(`${out} already holds an export; refusing to overwrite it`);
  const { size, files } = await exportLedger(url, out).catch((error: Error) => {
    throw new CliFailure(error.message);
  });
  console.log(json ? JSON.stringify({ size, files, out: resolve(out) }, null, 2) : `exported ${size} entries (${files} files) to ${out}`);
}
