import { z } from 'zod';
import { type ErrorCode } from './result';
import { ERROR_CODES } from './result';
import { llmEvents } from './llm';

/** Progress of a long operation (start → events → done). `total` is null while unknown. */
export const OpProgress = z.object({
  opId: z.string(),
  kind: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  message: z.string(),
});
export const OpDone = z.object({
  opId: z.string(),
  kind: z.string(),
  status: z.enum(['ok', 'cancelled', 'error']),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
  result: z.unknown(),
});

/** Every backend → renderer push. Add an event here first; names.ts must list it too. */
export const events = {
  'ops.progress': OpProgress,
  'ops.done': OpDone,
  /** Case data changed (by this window, another window or the CLI): views refetch. */
  'cases.changed': z.object({ caseId: z.string().nullable() }),
  ...llmEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export type { ErrorCode };
