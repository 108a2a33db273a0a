import { AppError } from '../../../shared/contract/result';
import { RuleInputError } from '../../../shared/rules/errors';

/** Best guess of the input field a rule's message is about ("start: …", "Extension of …"). */
export function fieldOfRuleMessage(message: string, fallback: string): string {
  const named = /^([A-Za-z][A-Za-z.]*):/.exec(message);
  if (named) return named[1] as string;
  if (/extension/i.test(message)) return 'extensionMonths';
  if (/excluded/i.test(message)) return 'excluded';
  if (/evidence period|answer period|days/i.test(message)) return 'days';
  return fallback;
}

/**
 * A refusal of one input field in both languages: `details.zh` carries the Chinese sentence the UI
 * shows under the field (renderer/src/ui/errors.tsx refusalText), the message stays English.
 */
export function fieldRefusal(field: string, en: string, zh: string): AppError {
  return new AppError('BAD_INPUT', `Invalid input: ${field}: ${en}`, { issues: [{ path: field, message: en }], zh: `${field}：${zh}` });
}

/**
 * Runs a pure rule at the boundary: its RuleInputError becomes AppError BAD_INPUT naming the
 * field (architecture.md §2), with the Chinese message kept for the UI.
 */
export function ruleCall<T>(field: string, fn: () => T, opts: { exact?: boolean } = {}): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RuleInputError) {
      // exact: the caller knows the field better than the message does (e.g. evidenceDays, not days).
      const path = opts.exact === true ? field : fieldOfRuleMessage(err.message, field);
      throw new AppError('BAD_INPUT', err.message, { issues: [{ path, message: err.message }], zh: err.zh });
    }
    throw err;
  }
}
