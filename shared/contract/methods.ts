import { z } from 'zod';
import { AppInfo, OperationRef, Settings, SettingsPatch } from './app';
import {
  AuditEntry,
  CaseDetail,
  CaseInput,
  CaseList,
  CaseListInput,
  DocumentAddInput,
  DocumentMeta,
} from './cases';
import { Id, Page } from './common';
import { draftingMethods } from './drafting';
import { intakeMethods } from './intake';
import { llmMethods } from './llm';
import { mediationMethods } from './mediation';
import { precedentMethods } from './precedents';
import { reviewMethods } from './review';
import { hearingMethods } from './hearings';
import { tasksMethods } from './tasks';

/**
 * Every renderer → backend call, declared once. The backend handler table, the preload
 * allow-list, the HTTP routes and the renderer client all derive from this object, so a
 * method missing in any of them is a compile error.
 */
export const methods = {
  'app.info': { input: z.object({}), output: AppInfo },
  'settings.get': { input: z.object({}), output: Settings },
  'settings.update': { input: SettingsPatch, output: Settings },
  /** Makes a consistent copy of the database into the data folder's backups/ while the app runs. */
  'app.backup': { input: z.object({}), output: z.object({ path: z.string(), bytes: z.number().int() }) },

  'cases.list': { input: CaseListInput, output: CaseList },
  'cases.get': { input: z.object({ id: Id }), output: CaseDetail },
  'cases.create': { input: CaseInput, output: CaseDetail },
  'cases.update': {
    input: z.object({ id: Id, version: z.number().int().min(1), case: CaseInput }),
    output: CaseDetail,
  },
  'cases.archive': { input: z.object({ id: Id, version: z.number().int().min(1) }), output: CaseDetail },
  'cases.restore': { input: z.object({ id: Id, version: z.number().int().min(1) }), output: CaseDetail },
  'cases.audit': {
    input: Page.extend({ caseId: Id }),
    output: z.object({ items: z.array(AuditEntry), total: z.number().int() }),
  },

  'documents.add': { input: DocumentAddInput, output: DocumentMeta },
  'documents.text': { input: z.object({ id: Id }), output: z.object({ meta: DocumentMeta, text: z.string() }) },
  'documents.content': {
    input: z.object({ id: Id }),
    output: z.object({ meta: DocumentMeta, contentBase64: z.string() }),
  },
  'documents.remove': { input: z.object({ id: Id }), output: z.null() },

  /** Loads the fictional sample cases (idempotent: a second load adds nothing). */
  'samples.load': { input: z.object({}), output: z.object({ inserted: z.number().int(), skipped: z.number().int() }) },

  'ops.cancel': { input: OperationRef, output: z.object({ cancelled: z.boolean() }) },

  ...llmMethods,
  ...precedentMethods,
  ...intakeMethods,
  ...draftingMethods,
  ...reviewMethods,
  ...hearingMethods,
  ...mediationMethods,
  ...tasksMethods,
} as const;

type Spec = typeof methods;
export type Method = keyof Spec;
/** What a caller may send (defaults still optional). */
export type Input<M extends Method> = z.input<Spec[M]['input']>;
/** What a handler receives after validation. */
export type Parsed<M extends Method> = z.output<Spec[M]['input']>;
export type Output<M extends Method> = z.output<Spec[M]['output']>;

/** Client side: the renderer and tests call these. */
export type Api = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };
/** Server side: the backend must provide exactly this; a missing method fails typecheck. */
export type Handlers = { [M in Method]: (input: Parsed<M>) => Promise<Output<M>> | Output<M> };

export function isMethod(name: string): name is Method {
  return Object.hasOwn(methods, name);
}
