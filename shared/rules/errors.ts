/**
 * Errors thrown by the pure rule functions. They carry a bilingual message so that callers
 * (CLI, backend, renderer) can show them without another lookup. Callers that cross a process
 * boundary convert them to `ErrorBody` with code BAD_INPUT.
 */
export class RuleInputError extends Error {
  readonly code = 'BAD_INPUT' as const;
  readonly zh: string;
  constructor(en: string, zh: string) {
    super(en);
    this.name = 'RuleInputError';
    this.zh = zh;
  }
}

/** Bilingual text used for steps, warnings and notes. */
export interface BiText {
  readonly zh: string;
  readonly en: string;
}

export function bi(zh: string, en: string): BiText {
  return { zh, en };
}
