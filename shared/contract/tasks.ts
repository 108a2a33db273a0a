import { z } from 'zod';
import { Id, IsoDate } from './common';

/*
 * 待办事项: the actions the rules require of the clerk before a deadline bites, computed from what
 * the store already holds (registrations, recorded services, hearings, trial-limit extensions).
 */

export const TASK_KINDS = ['service-record', 'trial-limit-extension', 'hearing-notice'] as const;
export const TaskKind = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof TaskKind>;

const BiText = z.object({ zh: z.string(), en: z.string() });

export const Task = z.object({
  /** Stable per kind and case (and hearing), for list keys and test ids. */
  id: z.string(),
  kind: TaskKind,
  caseId: Id,
  caseNumber: z.string(),
  caseTitle: z.string(),
  /** The hearing a notice task is about; null for the other kinds. */
  hearingId: Id.nullable(),
  /** The last day to act. */
  due: IsoDate,
  /** Relative to the query's asOf; negative when overdue. */
  daysLeft: z.number().int(),
  severity: z.enum(['overdue', 'due-soon', 'upcoming']),
  /** Short name of the action (送达待登记 …). */
  title: BiText,
  /** What to do and by when, citing the rule. */
  text: BiText,
  /** The rule, in the English citation form used across the app (CPL art. 128 …). */
  article: z.string(),
});
export type Task = z.infer<typeof Task>;

export const tasksMethods = {
  /**
   * The clerk's to-do list over active cases, due date first (so overdue first). The trial-limit
   * window is settings.extensionReminderDays.
   */
  'tasks.list': {
    input: z.object({ asOf: IsoDate.optional() }),
    output: z.object({ asOf: IsoDate, extensionReminderDays: z.number().int(), items: z.array(Task) }),
  },
} as const;
