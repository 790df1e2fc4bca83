import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { sha256 } from '../merkle/merkle.js';

/**
 * C2SP signed-note (c2sp.org/signed-note) with Ed25519 keys, compatible with the Go
 * golang.org/x/mod/sumdb/note package: key IDs, verifier key strings, signing and opening notes.
 */

const ALG_ED25519 = 0x01;
const EM_DASH_PREFIX = '\u2014 ';
const MAX_SIGNATURES = 100;

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

/** A key name: non-empty, no Unicode spaces, no plus signs (signed-note §Signatures). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && /^[\p{L}\p{N}\p{P}\p{S}]+$/u.test(name);
}

/** The key ID: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), as a uint32. */
export function keyId(name: string, publicKey: Uint8Array): number {
  return sha256(Buffer.from(name, 'utf8'), Buffer.from([0x0a, ALG_ED25519]), publicKey).readUInt32BE(0);
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

function privateFromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
}

function publicFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: 'der', type: 'spki' });
}

function rawPublic(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519.length));
}

function rawSeed(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519.length));
}

/** Splits at the first count-1 plus signs (the last field is base64 and may hold more). */
function cutPlus(text: string, count: number): string[] | undefined {
  const parts: string[] = [];
  let rest = text;
  for (let i = 1; i < count; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return undefined;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

function strictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

export class NoteVerifier {
  readonly keyId: number;
  private readonly key: KeyObject;

  constructor(
    readonly name: string,
    readonly publicKey: Buffer,
  ) {
    if (!isValidKeyName(name)) throw new NoteError(`invalid key name "${name}"`);
    if (publicKey.length !== 32) throw new NoteError('an Ed25519 public key is 32 bytes');
    this.keyId = keyId(name, publicKey);
    this.key = publicFromRaw(publicKey);
  }

  /** Parses `<name>+<hex key ID>+<base64(0x01 || public key)>` (the Go note verifier key form). */
  static parse(vkey: string): NoteVerifier {
    const parts = cutPlus(vkey, 3);
    if (!parts) throw new NoteError('malformed verifier key');
    const [name, id, key] = parts;
    const bytes = strictBase64(key);
    if (!/^[0-9a-f]{8}$/.test(id) || !bytes || bytes.length !== 33 || bytes[0] !== ALG_ED25519 || !isValidKeyName(name)) {
      throw new NoteError('malformed verifier key');
    }
    const verifier = new NoteVerifier(name, bytes.subarray(1));
    if (hex8(verifier.keyId) !== id) throw new NoteError('verifier key ID does not match the key');
    return verifier;
  }

  /** The published verifier key string. */
  toString(): string {
    return `${this.name}+${hex8(this.keyId)}+${Buffer.concat([Buffer.from([ALG_ED25519]), this.publicKey]).toString('base64')}`;
  }

  verify(message: Uint8Array, signature: Uint8Array): boolean {
    return signature.length === 64 && verify(null, message, this.key, signature);
  }
}

export class NoteSigner {
  readonly verifier: NoteVerifier;
  private readonly key: KeyObject;

  constructor(
    readonly name: string,
    readonly seed: Buffer,
  ) {
    if (seed.length !== 32) throw new NoteError('an Ed25519 seed is 32 bytes');
    this.key = privateFromSeed(seed);
    this.verifier = new NoteVerifier(name, rawPublic(createPublicKey(this.key)));
  }

  static generate(name: string): NoteSigner {
    const { privateKey } = generateKeyPairSync('ed25519');
    return new NoteSigner(name, rawSeed(privateKey));
  }

  /** Parses `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || seed)>` (the Go note signer key form). */
  static parse(skey: string): NoteSigner {
    const parts = cutPlus(skey, 5);
    if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new NoteError('malformed signer key');
    const [, , name, id, key] = parts;
    const bytes = strictBase64(key);
    if (!/^[0-9a-f]{8}$/.test(id) || !bytes || bytes.length !== 33 || bytes[0] !== ALG_ED25519 || !isValidKeyName(name)) {
      throw new NoteError('malformed signer key');
    }
    const signer = new NoteSigner(name, bytes.subarray(1));
    if (hex8(signer.keyId) !== id) throw new NoteError('signer key ID does not match the key');
    return signer;
  }

  get keyId(): number {
    return this.verifier.keyId;
  }

  toString(): string {
    return `PRIVATE+KEY+${this.name}+${hex8(this.keyId)}+${Buffer.concat([Buffer.from([ALG_ED25519]), this.seed]).toString('base64')}`;
  }

  sign(message: Uint8Array): Buffer {
    return sign(null, message, this.key);
  }
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** base64(4-byte key ID || signature), as on the signature line. */
  base64: string;
}

export interface Note {
  /** The signed text, ending in a newline. */
  text: string;
  signatures: NoteSignature[];
}

function checkText(text: string): void {
  if (!text.endsWith('\n') || /[\u0000-\u0009\u000b-\u001f\u007f]/.test(text)) {
    throw new NoteError('malformed note text');
  }
}

/** Signs a note's text: the text, a blank line, then one signature line per signer. */
export function signNote(text: string, ...signers: NoteSigner[]): string {
  checkText(text);
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((s) => {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(s.keyId);
    return `${EM_DASH_PREFIX}${s.name} ${Buffer.concat([id, s.sign(message)]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** Splits a signed note into its text and signature lines; throws NoteError on a malformed note. */
export function parseNote(note: string): Note {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed note');
  const text = note.slice(0, split + 1);
  checkText(text);
  const rest = note.slice(split + 2);
  if (!rest.endsWith('\n')) throw new NoteError('malformed note');
  const lines = rest.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('malformed note');
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(EM_DASH_PREFIX)) throw new NoteError('malformed note');
    const fields = line.slice(EM_DASH_PREFIX.length).split(' ');
    if (fields.length !== 2 || !isValidKeyName(fields[0])) throw new NoteError('malformed note');
    const bytes = strictBase64(fields[1]);
    if (!bytes || bytes.length < 5) throw new NoteError('malformed note');
    return { name: fields[0], keyId: bytes.readUInt32BE(0), base64: fields[1] };
  });
  return { text, signatures };
}

/** Opens a note: at least one signature must verify with one of the given verifiers. */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): Note & { verifiedBy: NoteVerifier[] } {
  const parsed = parseNote(note);
  const message = Buffer.from(parsed.text, 'utf8');
  const verifiedBy: NoteVerifier[] = [];
  for (const sig of parsed.signatures) {
    const verifier = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!verifier) continue;
    if (!verifier.verify(message, Buffer.from(sig.base64, 'base64').subarray(4))) {
      throw new NoteError(`invalid signature for key ${sig.name}+${hex8(sig.keyId)}`);
    }
    if (!verifiedBy.includes(verifier)) verifiedBy.push(verifier);
  }
  if (verifiedBy.length === 0) throw new NoteError('note has no verifiable signatures');
  return { ...parsed, verifiedBy };
}
