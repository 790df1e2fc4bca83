import { randomBytes } from 'node:crypto';
import { CompactRange, inclusionProof, leafHash, nodeHash, splitPoint, type HashSource } from '../merkle/merkle.js';
import { signCheckpoint } from '../note/checkpoint.js';
import { NoteSigner } from '../note/note.js';
import { ReceiptError, formatTlogProof, parseTlogProof, verifyTlogProof } from './tlog-proof.js';

function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0];
  const k = splitPoint(leaves.length);
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

describe('tlog-proof receipts', () => {
  const signer = NoteSigner.generate('civic.test/ledger');
  const entries = Array.from({ length: 11 }, () => randomBytes(40));
  const leaves = entries.map(leafHash);
  const range = new CompactRange();
  for (const leaf of leaves) range.append(leaf);
  const checkpoint = signCheckpoint({ origin: 'civic.test/ledger', size: 11, root: range.root() }, signer);
  const source: HashSource = (level, index) => mth(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));

  it('formats, parses and verifies offline with the public key', () => {
    const receipt = formatTlogProof({ index: 6, hashes: inclusionProof(6, 11, source), checkpoint });
    expect(receipt.startsWith('c2sp.org/tlog-proof@v1\nindex 6\n')).toBe(true);
    expect(receipt.endsWith(checkpoint)).toBe(true);
    expect(parseTlogProof(receipt).hashes).toHaveLength(4);
    expect(verifyTlogProof(receipt, signer.verifier, entries[6], 'civic.test/ledger')).toMatchObject({ index: 6, size: 11 });
    const withExtra = formatTlogProof({ index: 6, hashes: inclusionProof(6, 11, source), checkpoint, extra: Buffer.from('x') });
    expect(parseTlogProof(withExtra).extra).toEqual(Buffer.from('x'));
  });

  it('rejects another entry, another index, another key and a malformed receipt', () => {
    const receipt = formatTlogProof({ index: 6, hashes: inclusionProof(6, 11, source), checkpoint });
    expect(() => verifyTlogProof(receipt, signer.verifier, entries[5])).toThrow(ReceiptError);
    expect(() => verifyTlogProof(receipt.replace('index 6', 'index 7'), signer.verifier, entries[6])).toThrow(ReceiptError);
    expect(() => verifyTlogProof(receipt, NoteSigner.generate('civic.test/ledger').verifier, entries[6])).toThrow();
    expect(() => parseTlogProof(receipt.replace('c2sp.org/tlog-proof@v1', 'tlog-proof'))).toThrow(ReceiptError);
    expect(() => parseTlogProof('c2sp.org/tlog-proof@v1\nindex 01\n\n' + checkpoint)).toThrow(ReceiptError);
  });
});
