import { isMethod, methods, type Handlers, type Method } from '../../shared/contract/methods';
import { AppError, type Result } from '../../shared/contract/result';
import { badInput } from '../../shared/contract/validation';
import type { Logger } from './log';

/** Checking outputs costs a parse per call; it is on in tests and dev, where drift must show. */
const CHECK_OUTPUT = process.env['NODE_ENV'] !== 'production';

/**
 * The one entry for every transport (MessagePort, HTTP, tests): unknown names and invalid input
 * are refused before any handler runs, and nothing is thrown across the boundary.
 */
export async function dispatch(handlers: Handlers, name: string, raw: unknown, log: Logger): Promise<Result<unknown>> {
  // hasOwn on the declared table, so __proto__, constructor, toString and the like never resolve.
  if (typeof name !== 'string' || !isMethod(name)) {
    return { ok: false, error: { code: 'BAD_INPUT', message: `Unknown method: ${String(name).slice(0, 80)}` } };
  }
  const method: Method = name;
  const parsed = methods[method].input.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, error: badInput(parsed.error) };
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown> | unknown;
    const value = await handler(parsed.data);
    if (CHECK_OUTPUT) {
      const out = methods[method].output.safeParse(value);
      if (!out.success) {
        log.error(`rpc ${method}: output does not match the contract`, out.error.issues);
        return { ok: false, error: { code: 'INTERNAL', message: 'Unexpected error (output check failed)' } };
      }
    }
    return { ok: true, value };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toBody() };
    log.error(`rpc ${method} failed`, err);
    return { ok: false, error: { code: 'INTERNAL', message: 'Unexpected error' } };
  }
}
