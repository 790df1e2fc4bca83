import { HASH_SIZE } from '../merkle/merkle.js';
import { NoteError, openNote, signNote, type NoteSigner, type NoteVerifier } from './note.js';

/** A C2SP tlog-checkpoint body: origin, tree size, root hash (and optional extension lines). */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  extensions?: string[];
}

export function checkpointBody(cp: Checkpoint): string {
  if (!cp.origin || /[\n\r]/.test(cp.origin)) throw new NoteError('invalid checkpoint origin');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new NoteError('invalid checkpoint size');
  if (cp.root.length !== HASH_SIZE) throw new NoteError('invalid checkpoint root');
  return [cp.origin, String(cp.size), cp.root.toString('base64'), ...(cp.extensions ?? [])].map((l) => `${l}\n`).join('');
}

export function parseCheckpointBody(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new NoteError('malformed checkpoint');
  const [origin, sizeText, rootText, ...rest] = lines;
  if (!origin || !/^(0|[1-9][0-9]*)$/.test(sizeText)) throw new NoteError('malformed checkpoint');
  const size = Number(sizeText);
  const root = Buffer.from(rootText, 'base64');
  if (!Number.isSafeInteger(size) || root.length !== HASH_SIZE || root.toString('base64') !== rootText) {
    throw new NoteError('malformed checkpoint');
  }
  return { origin, size, root, extensions: rest.slice(0, -1) };
}

export function signCheckpoint(cp: Checkpoint, signer: NoteSigner): string {
  return signNote(checkpointBody(cp), signer);
}

/** Verifies a signed checkpoint with the log's key and, when given, its expected origin. */
export function openCheckpoint(note: string, verifier: NoteVerifier, origin?: string): Checkpoint & { text: string } {
  const opened = openNote(note, [verifier]);
  const cp = parseCheckpointBody(opened.text);
  if (origin !== undefined && cp.origin !== origin) throw new NoteError(`checkpoint origin "${cp.origin}" is not "${origin}"`);
  return { ...cp, text: opened.text };
}
