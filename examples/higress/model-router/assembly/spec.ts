// The JSON config of model-router as Higress's README describes it (plugins/wasm-go/
// extensions/model-router/README.md), for `build-plugin spec`: the runtime class
// (ModelRouterConfig in index.ts) holds compiled patterns, so it names this one.

/** One auto-routing rule: a regular expression over the last user message, and its model. */
export class AutoRoutingRuleSpec {
  pattern!: string;
  model!: string;
}

/** Auto routing of model higress/auto. */
export class AutoRoutingSpec {
  enable: bool = false;
  defaultModel: string | null = null;
  rules: AutoRoutingRuleSpec[] | null = null;
}

/**
 * @name model-router/v1
 * @category custom
 * @phase AUTHN
 * @priority 900
 * @title Model Router
 * @description Routes LLM requests by the model in the body - model and provider headers, provider/model rewrite, auto routing by regular expressions over the last user message.
 * @iconUrl https://img.alicdn.com/imgextra/i1/O1CN018iKKih1iVx287RltL_!!6000000004419-2-tps-42-42.png
 * @version 1.0.0
 * @contact.name proxy-wasm-ts
 * @example {"modelToHeader": "x-higress-llm-model", "addProviderHeader": "x-higress-llm-provider"}
 */
export class ModelRouterSpec {
  /**
   * Model Key
   * Where the model is in the request body.
   */
  modelKey: string = "model";
  /**
   * Provider Header
   * Header that gets the provider part of provider/model.
   */
  addProviderHeader: string | null = null;
  /**
   * Model Header
   * Header that gets the model value.
   */
  modelToHeader: string | null = null;
  /**
   * Path Suffixes
   * Path suffixes the plugin acts on; * for every path.
   */
  enableOnPathSuffix: string[] = [
    "/completions",
    "/embeddings",
    "/images/generations",
    "/audio/speech",
    "/fine_tuning/jobs",
    "/moderations",
    "/image-synthesis",
    "/video-synthesis",
    "/rerank",
    "/messages",
    "/responses",
  ];
  /**
   * Keep Original Model Name
   * Set the provider header but do not rewrite the body's model.
   */
  keepOriginalModelName: bool = false;
  /**
   * Auto Routing
   * Route model higress/auto by regular expressions over the last user message.
   */
  autoRouting: AutoRoutingSpec | null = null;
}
