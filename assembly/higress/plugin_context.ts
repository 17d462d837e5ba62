// The plugin-level context a framework hook sees (wasm-go pkg/iface/context.go PluginContext).
import { PluginContext, getPluginName } from "../index";
import { ValueStore } from "./values";

/** One per plugin configuration: values kept across requests and config options. */
export class PluginCtx extends PluginContext {
  /** @internal */ values: ValueStore = new ValueStore();
  /** @internal */ ruleLevelIsolation: bool = false;

  /** Stores a typed value on the plugin (wasm-go `SetContext`). */
  setContext<T>(key: string, value: T): void {
    this.values.set<T>(key, value);
  }

  /** The value stored under `key` if it was stored as a T, else `defaultValue`. */
  getContext<T>(key: string, defaultValue: T): T {
    return this.values.get<T>(key, defaultValue);
  }

  /** Whether a value of any type is stored under `key`. */
  hasContext(key: string): bool {
    return this.values.has(key);
  }

  /**
   * A rule whose config fails to parse is replaced by the last good copy of the same match keys
   * (or skipped) instead of failing the whole configuration (wasm-go
   * `EnableRuleLevelConfigIsolation`). Call it in the pre-start hook.
   */
  enableRuleLevelConfigIsolation(): void {
    this.ruleLevelIsolation = true;
  }

  /** Whether rule-level isolation is on. */
  isRuleLevelConfigIsolation(): bool {
    return this.ruleLevelIsolation;
  }

  /** The plugin's fingerprint: the `plugin_name` property ("" if the host has none). */
  getFingerPrint(): string {
    const name = getPluginName();
    return name != null ? name : "";
  }
}
