import type { EventName, EventPayload } from '../../shared/contract/events';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fan-out of backend push events to every connected transport (MessagePort, SSE streams, tests). */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.#listeners) {
      try {
        l(name, payload);
      } catch {
        // One broken subscriber (a closed socket) must not stop delivery to the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
