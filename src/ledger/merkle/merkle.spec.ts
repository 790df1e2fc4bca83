import { randomBytes } from 'node:crypto';
import {
  CompactRange,
  EMPTY_ROOT,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootFromInclusionProof,
  splitPoint,
  treeHash,
  verifyConsistency,
  verifyInclusion,
  type HashSource,
} from './merkle.js';

/*
 * Published vectors: transparency-dev/merkle, testonly/constants.go (LeafInputs, NodeHashes,
 * RootHashes) and proof/verify_test.go (inclusionProofs, consistencyProofs; leaf indexes there are
 * 1-based). The same vectors as Certificate Transparency's and Trillian's merkle tests.
 */
const hd = (h: string): Buffer => Buffer.from(h, 'hex');
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hd);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hd);
const LEVEL0 = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
].map(hd);
const INCLUSION: { leaf: number; size: number; proof: string[] }[] = [
  {
    leaf: 1,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    leaf: 6,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { leaf: 3, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    leaf: 2,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY: { size1: number; size2: number; proof: string[] }[] = [
  { size1: 1, size2: 1, proof: [] },
  {
    size1: 1,
    size2: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    size1: 6,
    size2: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    size1: 2,
    size2: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
  {
    size1: 6,
    size2: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

/** The recursive definition of RFC 6962 §2.1, as the reference the fast code is checked against. */
function referenceMth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0];
  const k = splitPoint(leaves.length);
  return nodeHash(referenceMth(leaves.slice(0, k)), referenceMth(leaves.slice(k)));
}

/** A hash source over an in-memory list of leaf hashes. */
function memorySource(leaves: readonly Buffer[]): HashSource {
  return (level, index) => {
    const size = 2 ** level;
    const slice = leaves.slice(index * size, (index + 1) * size);
    if (slice.length !== size) throw new Error(`no complete node ${level}/${index}`);
    return referenceMth(slice);
  };
}

describe('RFC 6962 published vectors', () => {
  const leaves = LEAF_INPUTS.map(leafHash);

  it('hashes the leaves', () => {
    expect(leaves).toEqual(LEVEL0);
  });

  it('computes the root of every prefix, the empty tree included', () => {
    for (let n = 0; n <= 8; n++) expect(treeHash(leaves.slice(0, n)).toString('hex')).toBe(ROOTS[n].toString('hex'));
    expect(EMPTY_ROOT).toEqual(ROOTS[0]);
  });

  it.each(INCLUSION)('inclusion proof of leaf $leaf in $size', ({ leaf, size, proof }) => {
    const source = memorySource(leaves.slice(0, size));
    expect(inclusionProof(leaf - 1, size, source).map((h) => h.toString('hex'))).toEqual(proof);
    expect(verifyInclusion(leaf - 1, size, leaves[leaf - 1], proof.map(hd), ROOTS[size])).toBe(true);
  });

  it.each(CONSISTENCY)('consistency proof $size1 → $size2', ({ size1, size2, proof }) => {
    const source = memorySource(leaves.slice(0, size2));
    expect(consistencyProof(size1, size2, source).map((h) => h.toString('hex'))).toEqual(proof);
    expect(verifyConsistency(size1, size2, proof.map(hd), ROOTS[size1], ROOTS[size2])).toBe(true);
  });

  it('keeps the compact range of transparency-dev CompactTrees', () => {
    const range = new CompactRange();
    for (const leaf of leaves) range.append(leaf);
    expect(range.edge.map((h) => h.toString('hex'))).toEqual(['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328']);
    const seven = new CompactRange();
    for (const leaf of leaves.slice(0, 7)) seven.append(leaf);
    expect(seven.edge.length).toBe(3);
    expect(seven.edge[2]).toEqual(LEVEL0[6]);
  });
});

describe('RFC 6962 properties on random trees', () => {
  const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 129];

  it('the compact range root equals the recursive MTH for every size, and reports every complete node', () => {
    const leaves = Array.from({ length: 300 }, () => leafHash(randomBytes(8)));
    const range = new CompactRange();
    const nodes = new Map<string, Buffer>();
    for (let n = 1; n <= leaves.length; n++) {
      range.append(leaves[n - 1], (level, index, hash) => nodes.set(`${level}/${index}`, hash));
      expect(range.root()).toEqual(referenceMth(leaves.slice(0, n)));
    }
    expect(nodes.get('8/0')).toEqual(referenceMth(leaves.slice(0, 256)));
    expect(nodes.get('2/74')).toEqual(referenceMth(leaves.slice(296, 300)));
    const rebuilt = CompactRange.fromSource(300, (l, i) => nodes.get(`${l}/${i}`)!);
    expect(rebuilt.root()).toEqual(range.root());
  });

  it.each(sizes)('every inclusion proof in a tree of %i verifies, and tampering fails', (size) => {
    const leaves = Array.from({ length: size }, () => leafHash(randomBytes(16)));
    const root = referenceMth(leaves);
    const source = memorySource(leaves);
    for (let i = 0; i < size; i++) {
      const proof = inclusionProof(i, size, source);
      expect(rootFromInclusionProof(i, size, leaves[i], proof)).toEqual(root);
      expect(verifyInclusion(i, size, leafHash(Buffer.from('other')), proof, root)).toBe(false);
      if (size > 1) {
        expect(verifyInclusion((i + 1) % size, size, leaves[i], proof, root)).toBe(false);
        const bad = proof.map((h) => Buffer.from(h));
        bad[0][0] ^= 1;
        expect(verifyInclusion(i, size, leaves[i], bad, root)).toBe(false);
        expect(verifyInclusion(i, size, leaves[i], proof.slice(1), root)).toBe(false);
        expect(verifyInclusion(i, size, leaves[i], [...proof, root], root)).toBe(false);
      }
      expect(verifyInclusion(i, size * 2, leaves[i], proof, root)).toBe(false);
    }
  });

  it.each(sizes)('every consistency proof into a tree of %i verifies, and tampering fails', (size) => {
    const leaves = Array.from({ length: size }, () => leafHash(randomBytes(16)));
    const source = memorySource(leaves);
    const rootN = referenceMth(leaves);
    for (let m = 0; m <= size; m++) {
      const rootM = referenceMth(leaves.slice(0, m));
      const proof = consistencyProof(m, size, source);
      expect(verifyConsistency(m, size, proof, rootM, rootN)).toBe(true);
      if (m > 0 && m < size) {
        const bad = proof.map((h) => Buffer.from(h));
        bad[bad.length - 1][5] ^= 0x10;
        expect(verifyConsistency(m, size, bad, rootM, rootN)).toBe(false);
        expect(verifyConsistency(m, size, proof, rootN, rootM)).toBe(false);
        expect(verifyConsistency(m, size, proof.slice(0, -1), rootM, rootN)).toBe(false);
        expect(verifyConsistency(m, size, [...proof, rootM], rootM, rootN)).toBe(false);
        const forged = [...leaves];
        forged[m - 1] = leafHash(Buffer.from('rewritten'));
        expect(verifyConsistency(m, size, consistencyProof(m, size, memorySource(forged)), rootM, referenceMth(forged))).toBe(false);
      }
    }
  });

  it('rejects impossible sizes', () => {
    const h = leafHash(Buffer.from('x'));
    expect(verifyInclusion(0, 0, h, [], h)).toBe(false);
    expect(verifyInclusion(2, 1, h, [], h)).toBe(false);
    expect(verifyConsistency(2, 1, [], h, h)).toBe(false);
    expect(verifyConsistency(1, 2, [], h, h)).toBe(false);
    expect(() => inclusionProof(3, 3, () => h)).toThrow(RangeError);
  });
});
