import type { EventName } from './events';
import type { Method } from './methods';

/**
 * Plain string lists, so the sandboxed preload bundles no zod. The two checks below fail
 * typecheck when a method or event is declared but not listed, or listed but not declared.
 */
export const METHOD_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'app.backup',
  'cases.list',
  'cases.get',
  'cases.create',
  'cases.update',
  'cases.archive',
  'cases.restore',
  'cases.audit',
  'documents.add',
  'documents.text',
  'documents.content',
  'documents.remove',
  'samples.load',
  'ops.cancel',
  'llm.status',
  'llm.settings.get',
  'llm.settings.update',
  'llm.models.list',
  'llm.models.add',
  'llm.models.remove',
  'llm.models.info',
  'llm.load',
  'llm.unload',
  'llm.generate',
  'llm.cancel',
  'llm.prompts.list',
  'llm.provenance.get',
  'llm.catalog.list',
  'llm.download',
  'llm.bench.run',
  'llm.bench.results',
  'llm.chat.search',
  'llm.chat.ask',
  'precedents.import.start',
  'precedents.import.list',
  'precedents.import.get',
  'precedents.search',
  'precedents.forCase',
  'precedents.get',
  'precedents.stats',
  'precedents.reindex',
  'precedents.import.remove',
  'intake.extract',
  'intake.importFiling',
  'intake.getExtraction',
  'intake.saveExtraction',
  'intake.applyExtraction',
  'intake.suggestCauses',
  'intake.check',
  'intake.defectNotice',
  'intake.register',
  'intake.registration',
  'intake.fee',
  'intake.deadline',
  'deadlines.list',
  'deadlines.pause',
  'deadlines.complete',
  'cases.transition',
  'statutes.import.start',
  'statutes.laws',
  'statutes.article',
  'statutes.cite',
  'statutes.search',
  'statutes.forCase',
] as const satisfies readonly Method[];

export const EVENT_NAMES = [
  'ops.progress',
  'ops.done',
  'cases.changed',
  'llm.token',
  'llm.status',
  'llm.done',
] as const satisfies readonly EventName[];

/** Emitted by the transport itself, not the backend: the connection state (BackendStatus). */
export const TRANSPORT_EVENTS = ['backend.status'] as const;

type MissingMethod = Exclude<Method, (typeof METHOD_NAMES)[number]>;
type MissingEvent = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
export const allMethodsListed: [MissingMethod] extends [never] ? true : MissingMethod = true;
export const allEventsListed: [MissingEvent] extends [never] ? true : MissingEvent = true;
