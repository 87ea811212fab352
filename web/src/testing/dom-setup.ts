import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Each test renders into a clean document, with the fetch it stubbed put back.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// A machine busy with other work can take a few seconds to answer a click; waits give up after ten.
configure({ asyncUtilTimeout: 10_000 });

// happy-dom has no `document.fonts`; Mantine's autosizing textarea listens on it for fonts that finish loading.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
}
