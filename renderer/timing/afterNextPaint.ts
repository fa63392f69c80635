/**
 * Runs `work` after the next frame is painted (a task queued from the next animation
 * frame), so that what a keystroke or a received edit shows is on screen first. Hidden
 * windows get no animation frames: `latestMs` bounds the wait there.
 */
export function afterNextPaint(work: () => void, latestMs = 100): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    work();
  };
  const fallback = setTimeout(once, latestMs);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
}
