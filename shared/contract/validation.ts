import type { z } from 'zod';
import type { ErrorBody, ErrorIssue } from './result';

/**
 * How a failed schema check becomes a BAD_INPUT error. Shared by every boundary that parses input
 * (the backend's dispatch, the desktop shell's native-dialog handler, the CLI), so the renderer can
 * map `details.issues` onto form fields the same way whichever process refused the input.
 */
export function issuesOf(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function describeIssues(issues: readonly ErrorIssue[]): string {
  const first = issues[0];
  if (!first) return 'Invalid input';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `Invalid input: ${first.path || '(input)'} ${first.message}${more}`;
}

export function badInput(error: z.ZodError): ErrorBody {
  const issues = issuesOf(error);
  return { code: 'BAD_INPUT', message: describeIssues(issues), details: { issues } };
}
