/** A registry failure, naming the registry and the step, as the CLI prints it (exit 4). */
export class RegistryError extends Error {
  constructor(
    readonly registry: string,
    readonly step: string,
    detail: string,
    readonly status?: number,
  ) {
    super(`${registry}: ${step}: ${detail}`);
    this.name = "RegistryError";
  }
}

/** The gateway would refuse this image; `rule` is the fetcher's own wording. */
export class GatewayRejection extends Error {
  constructor(readonly rule: string) {
    super(rule);
    this.name = "GatewayRejection";
  }
}
