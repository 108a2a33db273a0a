import { RuleInputError } from '../../shared/rules/errors';

/** The RuleInputError `fn` throws; fails the test if it returns or throws anything else. */
export function ruleRefusal(fn: () => unknown): RuleInputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RuleInputError) return err;
    throw err;
  }
  throw new Error('expected a RuleInputError');
}
