import type { BrowserContext, Page } from 'playwright-core';

/**
 * An init script that timestamps, from navigation start, when each selector first matches
 * and when the frame showing it was produced; it also keeps the page's long tasks, so
 * "interactive" can be told apart from "visible".
 */
export interface Mark {
  seen: number;
  painted: number;
}

declare global {
  interface Window {
    __benchMarks?: Record<string, Mark>;
    __benchLongTasks?: { start: number; end: number }[];
  }
}

function markScript(targets: readonly { name: string; selector: string }[]): void {
  const marks: Record<string, Mark> = {};
  const longTasks: { start: number; end: number }[] = [];
  window.__benchMarks = marks;
  window.__benchLongTasks = longTasks;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: "interactive" falls back to "painted".
  }
  const check = (): void => {
    for (const target of targets) {
      if (marks[target.name] || !document.querySelector(target.selector)) continue;
      const mark: Mark = { seen: performance.now(), painted: 0 };
      marks[target.name] = mark;
      // A user-blocking task from the next frame runs once it is produced, ahead of ordinary
      // tasks the app queued meanwhile (as bench/page/entry.ts afterPaintTimes).
      requestAnimationFrame(() => {
        void (globalThis as unknown as { scheduler: { postTask(f: () => void, o: { priority: string }): Promise<void> } }).scheduler.postTask(
          () => {
            mark.painted = performance.now();
          },
          { priority: 'user-blocking' },
        );
      });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

export async function installMarks(context: BrowserContext, targets: readonly { name: string; selector: string }[]): Promise<void> {
  await context.addInitScript(markScript, targets);
}

export interface PageLoadTimes {
  /** navigation start to the frame that shows the selector */
  painted: number;
  /** the end of the main thread's busy spell after that (no long task for 50 ms) */
  interactive: number;
  /** long tasks (≥ 50 ms) between navigation and interactive, summed */
  longTasksMs: number;
  /** navigation timing: the document fetched, and DOMContentLoaded (module scripts run) */
  responseEnd: number;
  domContentLoaded: number;
}

/** Waits for a mark, then for a quiet spell, and reads the times. */
export async function readMark(page: Page, name: string, quietMs = 1500): Promise<PageLoadTimes> {
  try {
    await page.waitForFunction((n) => (window.__benchMarks?.[n]?.painted ?? 0) > 0, name, { timeout: 120_000, polling: 50 });
  } catch (error) {
    const state = await page
      .evaluate(() => JSON.stringify({ url: location.href, marks: window.__benchMarks, body: document.body.innerText.slice(0, 300) }))
      .catch(() => 'page gone');
    throw new Error(`No "${name}" mark: ${state}`, { cause: error });
  }
  await page.waitForTimeout(quietMs);
  return page.evaluate((n) => {
    const mark = window.__benchMarks?.[n];
    if (!mark) throw new Error(`no mark ${n}`);
    const tasks = [...(window.__benchLongTasks ?? [])].sort((a, b) => a.start - b.start);
    let interactive = mark.painted;
    for (const task of tasks) if (task.start <= interactive + 50 && task.end > interactive) interactive = task.end;
    const longTasksMs = tasks.filter((t) => t.start < interactive).reduce((s, t) => s + (t.end - t.start), 0);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      painted: mark.painted,
      interactive,
      longTasksMs,
      responseEnd: nav?.responseEnd ?? 0,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
    };
  }, name);
}
