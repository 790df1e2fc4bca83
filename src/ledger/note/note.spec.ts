import { EMPTY_ROOT, sha256 } from '../merkle/merkle.js';
import { checkpointBody, openCheckpoint, parseCheckpointBody, signCheckpoint } from './checkpoint.js';
import { NoteError, NoteSigner, NoteVerifier, keyId, openNote, parseNote, signNote } from './note.js';

/*
 * Known vectors from golang.org/x/mod/sumdb/note/note_test.go (TestNewVerifier, TestNewSigner,
 * TestSign, TestOpen): the PeterNeumann key pair, its signature over the Rob Pike quote, and the
 * EnochRoot verifier key and signature.
 */
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

describe('signed notes: Go sumdb/note vectors', () => {
  it('parses the signer key and derives the published verifier key', () => {
    const signer = NoteSigner.parse(PETER_SKEY);
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signer.verifier.toString()).toBe(PETER_VKEY);
    expect(signer.toString()).toBe(PETER_SKEY);
    expect(NoteVerifier.parse(PETER_VKEY).toString()).toBe(PETER_VKEY);
    expect(keyId('PeterNeumann', NoteVerifier.parse(PETER_VKEY).publicKey)).toBe(0xc74f20a3);
  });

  it('signs exactly as the Go package does (Ed25519 is deterministic)', () => {
    expect(signNote(TEXT, NoteSigner.parse(PETER_SKEY))).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('opens a note with one known and one unknown signature', () => {
    const note = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [NoteVerifier.parse(PETER_VKEY)]);
    expect(note.text).toBe(TEXT);
    expect(note.signatures.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(note.verifiedBy.map((v) => v.name)).toEqual(['PeterNeumann']);
    const both = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [NoteVerifier.parse(PETER_VKEY), NoteVerifier.parse(ENOCH_VKEY)]);
    expect(both.verifiedBy).toHaveLength(2);
  });

  it('rejects mangled verifier keys', () => {
    expect(() => NoteVerifier.parse('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toThrow(NoteError);
    expect(() => NoteVerifier.parse('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(NoteError);
    for (let i = 0; i < PETER_VKEY.length; i++) {
      const mangled = PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
      expect(() => NoteVerifier.parse(mangled)).toThrow();
    }
  });

  it('rejects bad signatures and malformed notes', () => {
    const peter = NoteVerifier.parse(PETER_VKEY);
    expect(() => openNote(`${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`, [peter])).toThrow('invalid signature for key PeterNeumann+c74f20a3');
    expect(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [peter])).toThrow('note has no verifiable signatures');
    for (const bad of [TEXT, `${TEXT}\n`, `${TEXT}\n${PETER_SIG.slice(0, -1)}`, `\u0001${TEXT}\n${PETER_SIG}`, `${TEXT}\n${PETER_SIG}Unexpected line.\n`]) {
      expect(() => parseNote(bad)).toThrow(NoteError);
    }
    const changed = `${TEXT.replace('answer', 'Answer')}\n${PETER_SIG}`;
    expect(() => openNote(changed, [peter])).toThrow('invalid signature');
  });
});

describe('checkpoints', () => {
  const root = sha256(Buffer.from('a root'));

  it('encodes the C2SP tlog-checkpoint body', () => {
    expect(checkpointBody({ origin: 'civic.example.org/ledger', size: 70000, root })).toBe(`civic.example.org/ledger\n70000\n${root.toString('base64')}\n`);
    expect(parseCheckpointBody(checkpointBody({ origin: 'o', size: 0, root: EMPTY_ROOT }))).toEqual({ origin: 'o', size: 0, root: EMPTY_ROOT, extensions: [] });
    expect(() => parseCheckpointBody('o\n007\n' + root.toString('base64') + '\n')).toThrow(NoteError);
    expect(() => parseCheckpointBody('o\n7\nnotbase64\n')).toThrow(NoteError);
  });

  it('signs and opens a checkpoint with a generated key, and rejects forgeries', () => {
    const signer = NoteSigner.generate('civic.example.org/ledger');
    const verifier = NoteVerifier.parse(signer.verifier.toString());
    const note = signCheckpoint({ origin: 'civic.example.org/ledger', size: 5, root }, signer);
    expect(note).toMatch(/^civic\.example\.org\/ledger\n5\n[A-Za-z0-9+/]{43}=\n\n\u2014 civic\.example\.org\/ledger [A-Za-z0-9+/]{91}=\n$/);
    const cp = openCheckpoint(note, verifier, 'civic.example.org/ledger');
    expect(cp.size).toBe(5);
    expect(cp.root).toEqual(root);
    expect(() => openCheckpoint(note, verifier, 'other.example/ledger')).toThrow(NoteError);
    expect(() => openCheckpoint(note.replace('\n5\n', '\n6\n'), verifier)).toThrow('invalid signature');
    const impostor = NoteSigner.generate('civic.example.org/ledger');
    expect(() => openCheckpoint(signCheckpoint({ origin: 'civic.example.org/ledger', size: 6, root }, impostor), verifier)).toThrow(NoteError);
  });
});
