// The host's clocks (proxy_get_current_time_nanoseconds, WASI clock_time_get): real time until
// a test fixes it, then only moved by the test, so that time-dependent plugins are testable.

export class HostClock {
  private fixed: bigint | undefined;
  private readonly monotonicStart = process.hrtime.bigint();

  constructor(fixedNanos?: bigint) {
    this.fixed = fixedNanos;
  }

  /** Wall-clock ns since the epoch. */
  now(): bigint {
    return this.fixed ?? BigInt(Date.now()) * 1_000_000n;
  }

  /** Monotonic ns; the fixed time once the clock is fixed. */
  monotonic(): bigint {
    return this.fixed ?? process.hrtime.bigint() - this.monotonicStart;
  }

  set(nanos: bigint): void {
    this.fixed = nanos;
  }
}
