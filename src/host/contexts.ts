// Context ids and kinds as cpp-host has them (abi §1.9): id 0 is the VM context; roots and
// streams share one counter from 1.
import type { Plugin } from "./plugin.js";

export type ContextKind = "vm" | "root" | "http" | "tcp";

export abstract class ContextBase {
  abstract readonly kind: ContextKind;
  /** The root (plugin) context this context belongs to; undefined for the VM context. */
  abstract readonly root: Plugin | undefined;
  /** Properties the plugin set on this context (filter state in Envoy). */
  readonly ownProperties = new Map<string, Uint8Array>();
  /** proxy_on_delete has run; host calls for it fail and callouts for it are dropped. */
  deleted = false;

  constructor(readonly id: number) {}
}

export class VmContext extends ContextBase {
  readonly kind = "vm";
  readonly root = undefined;
  constructor() {
    super(0);
  }
}
