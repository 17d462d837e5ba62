// Global config + `_rules_` → the config for one request, with exactly Higress's semantics
// (wasm-go pkg/matcher/rule_matcher.go ParseRuleConfig / GetMatchConfig). Errors are values:
// parsing returns the message Higress would give, or null.
import { JsonObject, JsonType } from "../codec/json";
import { getHttpRequestHeader, getPropertyString } from "../index";
import { log } from "./log";
import {
  CONSUMER_HEADER_KEY,
  NO_MATCH_KEY_ERROR,
  RULES_KEY,
  RuleCategory,
  RuleKeys,
  contains,
  hostMatch,
  routePrefixMatch,
  serviceMatch,
} from "./match";
import { PluginCtx } from "./plugin_context";

/** Parses a configuration object into `config`; an error message, or null when it is valid. */
export type ParseConfigFunc<C> = (json: JsonObject, config: C) => string | null;
/** The same, with the plugin context (wasm-go `ParseConfigWithContext`). */
export type ParseConfigWithContextFunc<C> = (
  context: PluginCtx,
  json: JsonObject,
  config: C,
) => string | null;
/**
 * Parses one rule into `config` (a fresh config) given the parsed `global` one, so a rule can
 * start from the global values and override some (wasm-go `ParseOverrideConfig`'s second
 * function). An error message, or null.
 */
export type ParseOverrideConfigFunc<C> = (json: JsonObject, global: C, config: C) => string | null;

/** Parses raw configuration bytes into `config` (wasm-go `ParseRawConfig`). */
export type ParseRawConfigFunc<C> = (bytes: ArrayBuffer, config: C) => string | null;

/** The parse functions a plugin registered (any may be null: then the config stays default). */
export class ConfigParsers<C> {
  plain: ParseConfigFunc<C> | null = null;
  withContext: ParseConfigWithContextFunc<C> | null = null;
  raw: ParseRawConfigFunc<C> | null = null;
  rule: ParseOverrideConfigFunc<C> | null = null;

  /** Whether any parse function was registered. */
  get any(): bool {
    return this.plain != null || this.withContext != null || this.raw != null;
  }

  /** Parses `json` into `config` with the registered function. */
  parse(context: PluginCtx, json: JsonObject, config: C): string | null {
    const plain = this.plain;
    if (plain != null) return plain(json, config);
    const withContext = this.withContext;
    if (withContext != null) return withContext(context, json, config);
    const raw = this.raw;
    if (raw != null) return raw(json.bytes, config);
    return null;
  }

  /** Parses one rule: with the override function when there is one, from `global`. */
  parseRule(context: PluginCtx, json: JsonObject, global: C, config: C): string | null {
    const rule = this.rule;
    if (rule != null) return rule(json, global, config);
    return this.parse(context, json, config);
  }
}

/** One rule: its match keys and its parsed config. */
export class RuleConfig<C> {
  constructor(
    public keys: RuleKeys,
    public config: C,
  ) {}
}

// Rule-level isolation keeps the last good JSON of each rule, by its match keys, for the
// life of the VM (rule_matcher.go gRuleBackupStore).
const backupKeys = new Array<string>();
const backupRules = new Array<string>();

function storeBackup(key: string, json: string): void {
  for (let i = 0; i < backupKeys.length; i++) {
    if (backupKeys[i] == key) {
      backupRules[i] = json;
      return;
    }
  }
  backupKeys.push(key);
  backupRules.push(json);
}

function loadBackup(key: string): string | null {
  for (let i = 0; i < backupKeys.length; i++) if (backupKeys[i] == key) return backupRules[i];
  return null;
}

/** The parsed configuration of one plugin: the rules in order and the global fallback. */
export class RuleMatcher<C> {
  rules: RuleConfig<C>[] = [];
  globalConfig: C = instantiate<C>();
  hasGlobalConfig: bool = false;
  /** @internal Which request facts a request must read to match (only what rules use). */
  needsRoute: bool = false;
  needsCluster: bool = false;
  needsConsumer: bool = false;

  /**
   * Parses `config` (the whole configuration, `_plugin_id_` already removed) as Higress does.
   * Returns the error message, or null on success.
   */
  parse(context: PluginCtx, config: JsonObject, parsers: ConfigParsers<C>): string | null {
    if (config.isEmpty) {
      // An empty configuration enables the plugin globally.
      this.hasGlobalConfig = true;
      return parsers.parse(context, config, this.globalConfig);
    }
    let keyCount = distinctKeys(config);
    const rulesMember = config.get(RULES_KEY);
    if (rulesMember != null) keyCount--;
    let globalError: string | null = null;
    if (keyCount > 0) {
      const global = instantiate<C>();
      const error = parsers.parse(context, config, global);
      if (error != null) globalError = error;
      else {
        this.globalConfig = global;
        this.hasGlobalConfig = true;
      }
    }
    // gjson's Array(): an array's elements; null or absent → none; any other value → itself.
    const rules = new Array<JsonObject | null>();
    const rawRules = new Array<string>();
    if (rulesMember != null && rulesMember.type != JsonType.Null) {
      if (rulesMember.type == JsonType.Array) {
        const elements = config.getArray(RULES_KEY)!;
        for (let i = 0; i < elements.length; i++) {
          rules.push(config.objectAt(elements[i]));
          rawRules.push(config.raw(elements[i]));
        }
      } else {
        rules.push(config.objectAt(rulesMember));
        rawRules.push(config.raw(rulesMember));
      }
    }
    if (rules.length == 0) {
      if (this.hasGlobalConfig) return null;
      return (
        "parse config failed, no valid rules; global config parse error:" +
        (globalError != null ? globalError : "<nil>")
      );
    }
    const isolation = context.ruleLevelIsolation;
    let anyRuleError = false;
    const parsed = new Array<RuleConfig<C>>();
    for (let i = 0; i < rules.length; i++) {
      const json = rules[i];
      const keys = RuleKeys.read(json);
      if (keys == null) return "_rules_[" + i.toString() + "]: " + NO_MATCH_KEY_ERROR;
      let ruleConfig = instantiate<C>();
      let error = parsers.parseRule(context, json!, this.globalConfig, ruleConfig);
      if (error != null) {
        anyRuleError = true;
        if (!isolation) return "_rules_[" + i.toString() + "]: " + error;
        log.warn(
          "parse rule config failed for rule " +
            rawRules[i] +
            ": " +
            error +
            ", trying to load from backup",
        );
        const backup = loadBackup(keys.hashKey());
        const backupJson = backup != null ? JsonObject.parseString(backup) : null;
        if (backupJson != null) {
          log.info("found backup rule config: " + backup!);
          ruleConfig = instantiate<C>();
          error = parsers.parseRule(context, backupJson, this.globalConfig, ruleConfig);
          if (error == null) {
            parsed.push(new RuleConfig<C>(keys, ruleConfig));
            log.info("successfully loaded rule from backup: " + rawRules[i]);
            continue;
          }
          log.error("failed to parse backup rule config: " + error);
        }
        log.error("failed to load rule from backup, skipping rule: " + rawRules[i]);
        continue;
      }
      if (isolation) storeBackup(keys.hashKey(), rawRules[i]);
      parsed.push(new RuleConfig<C>(keys, ruleConfig));
    }
    this.rules = parsed;
    for (let i = 0; i < parsed.length; i++) {
      const category = parsed[i].keys.category;
      if (category != RuleCategory.Host && category != RuleCategory.Service) this.needsRoute = true;
      if (category == RuleCategory.Service || category == RuleCategory.RouteAndService)
        this.needsCluster = true;
      if (category == RuleCategory.RoutePrefixAndConsumer) this.needsConsumer = true;
    }
    if (isolation && parsed.length == 0 && anyRuleError)
      return "all rules failed to parse and no previous successful config available";
    if (!isolation && parsed.length == 0) return "no valid rules parsed";
    return null;
  }

  /**
   * The config for a request with `host` (`:authority`): the first rule that matches, in list
   * order, else the global config, else null (the plugin does nothing for this request).
   * `route_name`, `cluster_name` and the consumer header are read only if a rule needs them.
   */
  match(host: string): C | null {
    const rules = this.rules;
    if (rules.length > 0) {
      const route = this.needsRoute ? propertyOrEmpty("route_name") : "";
      const cluster = this.needsCluster ? propertyOrEmpty("cluster_name") : "";
      let consumer = "";
      if (this.needsConsumer) {
        const header = getHttpRequestHeader(CONSUMER_HEADER_KEY);
        if (header != null) consumer = header;
      }
      for (let i = 0; i < rules.length; i++) {
        const rule = unchecked(rules[i]);
        if (matches(rule.keys, host, route, cluster, consumer)) return rule.config;
      }
    }
    return this.hasGlobalConfig ? this.globalConfig : null;
  }
}

/** Whether one rule's keys match a request (GetMatchConfig's loop body). */
export function matches(
  keys: RuleKeys,
  host: string,
  route: string,
  cluster: string,
  consumer: string,
): bool {
  switch (keys.category) {
    case RuleCategory.Host:
      return hostMatch(keys.hosts, host);
    case RuleCategory.Route:
      return contains(keys.routes, route);
    case RuleCategory.Service:
      return serviceMatch(keys.services, cluster);
    case RuleCategory.RouteAndService:
      return contains(keys.routes, route) && serviceMatch(keys.services, cluster);
    case RuleCategory.RoutePrefix:
      return routePrefixMatch(keys.routePrefixes, route);
    case RuleCategory.RoutePrefixAndConsumer:
      return routePrefixMatch(keys.routePrefixes, route) && contains(keys.consumers, consumer);
  }
  return false;
}

function distinctKeys(config: JsonObject): i32 {
  const members = config.members;
  let count = 0;
  for (let i = 0; i < members.length; i++) {
    let seen = false;
    for (let j = 0; j < i; j++) {
      if (members[j].key == members[i].key) {
        seen = true;
        break;
      }
    }
    if (!seen) count++;
  }
  return count;
}

function propertyOrEmpty(name: string): string {
  const v = getPropertyString([name]);
  return v != null ? v : "";
}
