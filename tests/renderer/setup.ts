import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { preloadLazyComponents } from '../../renderer/src/ui/lazy';

// jsdom lacks the browser APIs antd's responsive and measuring components call on mount.

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    configurable: true,
    value: (query: string): MediaQueryList => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

if (!('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });
  Object.defineProperty(globalThis, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });
}

// jsdom throws "Not implemented" for pseudo-element styles, which antd asks for when measuring scrollbars.
const originalGetComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (elt: Element, pseudoElt?: string | null) => originalGetComputedStyle(elt, pseudoElt ? undefined : pseudoElt);

if (!window.scrollTo || String(window.scrollTo).includes('Not implemented')) {
  window.scrollTo = () => undefined;
}
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

afterEach(() => {
  cleanup();
});

/*
 * Screens and case tabs are lazy chunks (renderer/src/ui/lazy.tsx). In the built app a chunk loads
 * from disk in milliseconds; here vite compiles each on first import, which on a busy machine takes
 * longer than findBy's one second. Loading them up front keeps these tests about the pages;
 * tests/renderer/lazy.test.tsx covers the loading, failure and retry path itself.
 */
await import('../../renderer/src/App');
await preloadLazyComponents();
