import { COMMENT_SCHEMAS } from './comment-schemas.js';

const valid = {
  'governance.CommentPosted': { commentId: 'c-1', proposalId: 'p-1', parentId: null, authorId: 'm-1', body: 'Which well?' },
  'governance.CommentRetracted': { commentId: 'c-1', proposalId: 'p-1', retractedBy: 'm-1' },
} satisfies Record<keyof typeof COMMENT_SCHEMAS, unknown>;

type Type = keyof typeof valid;
const validate = (type: Type, change: Record<string, unknown>): string[] => COMMENT_SCHEMAS[type].validate({ ...valid[type], ...change });

describe('comment event schemas', () => {
  it.each(Object.entries(valid))('%s: accepts a well-formed event at version 1', (type, data) => {
    const schema = COMMENT_SCHEMAS[type as Type];
    expect(schema.schemaVersion).toBe(1);
    expect(schema.validate(data)).toEqual([]);
  });

  it.each(Object.keys(valid))('%s: refuses a non-object, a missing field and an unexpected field', (type) => {
    const schema = COMMENT_SCHEMAS[type as Type];
    const { commentId: _commentId, ...missing } = valid[type as Type];
    expect(schema.validate(null)).toEqual(['data: must be an object']);
    expect(schema.validate(missing)).toContain('commentId: missing');
    expect(schema.validate({ ...valid[type as Type], note: 1 })).toEqual(['note: unexpected field']);
  });

  describe('governance.CommentPosted', () => {
    it('accepts a reply and a body of 4,000 characters', () => {
      expect(validate('governance.CommentPosted', { parentId: 'c-0' })).toEqual([]);
      expect(validate('governance.CommentPosted', { body: '🌳'.repeat(4_000) })).toEqual([]);
    });

    it.each([['', 'empty'], [' \n ', 'blank'], ['x'.repeat(4_001), 'too long'], [7, 'not a string']])('refuses the body %p (%s)', (body, _label) => {
      expect(validate('governance.CommentPosted', { body })).toEqual([expect.stringMatching(/^body:/)]);
    });

    it('refuses a parentId that is neither null nor an id', () => {
      expect(validate('governance.CommentPosted', { parentId: '' })).toEqual([expect.stringMatching(/^parentId:/)]);
      expect(validate('governance.CommentPosted', { parentId: undefined })).toEqual([expect.stringMatching(/^parentId:/)]);
    });
  });
});
