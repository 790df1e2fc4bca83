/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable machine-readable code of a domain error. */
  code?: string;
  /** Field-level problems of a 400: each names the offending field by its path. */
  errors?: { field: string; message: string }[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const problemType = (slug: string): string => `https://civic-ledger.org/problems/${slug}`;
