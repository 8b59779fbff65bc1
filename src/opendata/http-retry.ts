/**
 * When an HTTP request is worth another attempt, and how long to wait before it: shared by the
 * file downloader of the scripts and the open-data API client (which also runs in a browser
 * worker), so that both treat the servers of the public sector the same way.
 */

/** Statuses worth another attempt: timeouts, rate limits and server errors. */
export const RETRIABLE_STATUS: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Delay before attempt `n + 1` after attempt `n` failed: `base`, then doubled each time. */
export function backoffDelayMs(failedAttempt: number, baseMs: number): number {
  return baseMs * 2 ** (failedAttempt - 1);
}

/**
 * Milliseconds asked by a `Retry-After` header (seconds or an HTTP date), or null when absent or
 * unreadable. Capped at `maxMs` so that a hostile or broken header cannot stall a run for hours.
 */
export function retryAfterMs(
  header: string | null,
  now: number = Date.now(),
  maxMs = 5 * 60_000,
): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(seconds)) return null;
  return Math.min(Math.max(0, Math.round(seconds)), maxMs);
}
