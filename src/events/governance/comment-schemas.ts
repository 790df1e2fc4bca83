import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import type { CommentEvent } from './comment-events.js';
import { charsBetween } from './proposal-schemas.js';

/** In characters (Unicode code points). 4,000 code points are at most 16 KiB of UTF-8: the event stays under 32 KiB. */
export const COMMENT_MAX_CHARS = 4_000;

export const COMMENT_SCHEMAS = {
  'governance.CommentPosted': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['commentId', 'proposalId', 'parentId', 'authorId', 'body'], (d, problems) => {
        id(problems, 'commentId', d.commentId);
        id(problems, 'proposalId', d.proposalId);
        if (d.parentId !== null) id(problems, 'parentId', d.parentId);
        id(problems, 'authorId', d.authorId);
        if (typeof d.body !== 'string' || d.body.trim() === '' || !charsBetween(d.body, 1, COMMENT_MAX_CHARS)) {
          problems.push(`body: must be 1-${COMMENT_MAX_CHARS} characters, not blank`);
        }
      }),
  },
  'governance.CommentRetracted': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['commentId', 'proposalId', 'retractedBy'], (d, problems) => {
        id(problems, 'commentId', d.commentId);
        id(problems, 'proposalId', d.proposalId);
        id(problems, 'retractedBy', d.retractedBy);
      }),
  },
} satisfies { [T in CommentEvent['type']]: EventSchema };
