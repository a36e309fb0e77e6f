import { vi } from 'vitest';

/** `performance.now` moved `stepMs` further at every reading (restore it with `mockRestore`). */
export function clockStepping(stepMs: number) {
  let clock = performance.now();
  return vi.spyOn(performance, 'now').mockImplementation(() => {
    clock += stepMs;
    return clock;
  });
}
