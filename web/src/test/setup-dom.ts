import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// React's act() warnings expect this in a test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// happy-dom does no layout: give elements a size so the virtualized message list renders
// rows (a 600 px viewport, 50 px rows) as it would in a browser.
const size = (value: number) => ({ configurable: true, get: () => value });
Object.defineProperty(HTMLElement.prototype, 'clientHeight', size(600));
Object.defineProperty(HTMLElement.prototype, 'clientWidth', size(800));
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', size(50));
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', size(800));
// A scroller is as tall as its content (the virtualizer sets the inner height).
Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
  configurable: true,
  get(this: HTMLElement) {
    const inner = this.firstElementChild as HTMLElement | null;
    return Math.max(600, Number.parseFloat(inner?.style.height ?? '') || 0);
  },
});

afterEach(() => cleanup());
