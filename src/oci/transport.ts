import { RegistryError } from "./errors.js";

export interface RetryPolicy {
  /** Total attempts for one step (1 = no retry). */
  attempts: number;
  /** First backoff; doubled after each failure, with jitter. */
  backoffMs: number;
  /** One request's limit before it counts as a failed attempt. */
  timeoutMs: number;
}

export const defaultRetry: RetryPolicy = { attempts: 4, backoffMs: 500, timeoutMs: 60_000 };

export interface Attempt {
  (): Promise<Response>;
}

/** 5xx, 429 and 408 are the registry's trouble, worth another try; a 4xx is ours, final. */
function retryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/**
 * Runs `send` until it gets a non-retryable answer, at most `policy.attempts` times, waiting
 * backoff·2^i (±25 %) between tries. Connection errors and timeouts are retried too. Returns
 * the last response for the caller to judge; throws a RegistryError when no answer came.
 */
export async function withRetries(
  registry: string,
  step: string,
  policy: RetryPolicy,
  send: (signal: AbortSignal) => Promise<Response>,
  onRetry?: (message: string) => void,
): Promise<Response> {
  let lastProblem = "";
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      const response = await send(AbortSignal.timeout(policy.timeoutMs));
      if (!retryable(response.status) || attempt === policy.attempts) return response;
      lastProblem = `HTTP ${response.status}`;
      await response.body?.cancel();
    } catch (e) {
      lastProblem = describeNetworkError(e, policy.timeoutMs);
      if (attempt === policy.attempts) {
        throw new RegistryError(
          registry,
          step,
          `${lastProblem} (gave up after ${policy.attempts} attempts)`,
        );
      }
    }
    const wait = policy.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
    onRetry?.(`${registry}: ${step}: ${lastProblem}; retry ${attempt}/${policy.attempts - 1}`);
    await new Promise((r) => setTimeout(r, wait));
  }
  throw new RegistryError(registry, step, lastProblem); // not reached: the loop returns or throws
}

function describeNetworkError(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = err.cause;
  if (cause?.code) return `cannot connect (${cause.code})`;
  return cause?.message ?? err.message;
}

/** The registry's own error text (distribution spec: `{"errors":[{code,message}]}`). */
export async function errorDetail(response: Response): Promise<string> {
  let text = "";
  try {
    text = await response.text();
  } catch {
    // the status alone is still an answer
  }
  let detail = `HTTP ${response.status}`;
  try {
    const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const first = body.errors?.[0];
    if (first) detail += ` ${first.code ?? ""}${first.message ? `: ${first.message}` : ""}`;
  } catch {
    if (text.trim()) detail += `: ${text.trim().slice(0, 200)}`;
  }
  return detail;
}
