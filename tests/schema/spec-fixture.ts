// A spec.yaml in Higress's format (the shape of higress-console's
// backend/sdk/src/main/resources/plugins/*/spec.yaml), written for these tests: CORS-like
// fields, a nested object, a $ref into components (as the console's transformer spec does),
// `format: password`, a Draft 4 boolean exclusiveMinimum, and the annotation keywords
// (x-scope, x-title-i18n, example) a Draft 4 validator ignores.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const corsSpec = `apiVersion: 1.0.0
info:
  category: security
  name: cors-lite/v1
  title: CORS lite
  x-title-i18n:
    zh-CN: 跨域
  version: 1.0.0
spec:
  phase: AUTHZ
  priority: 340
  configSchema:
    openAPIV3Schema:
      type: object
      required:
        - allow_origins
      properties:
        allow_origins:
          type: array
          title: Allowed origins
          x-scope: ALL
          items:
            type: string
        max_age:
          type: integer
          minimum: 0
          exclusiveMinimum: true
        mode:
          type: string
          enum: [strict, lax]
        secret:
          type: string
          format: password
        upstream:
          type: object
          required: [host]
          additionalProperties: false
          properties:
            host:
              type: string
              minLength: 1
            port:
              type: integer
              maximum: 65535
        rewrites:
          type: array
          items:
            $ref: "#/components/schemas/rewrite"
      components:
        schemas:
          rewrite:
            type: object
            required: [from]
            properties:
              from: {type: string}
      example:
        allow_origins: ["*"]
        max_age: 600
`;

/** A fresh project directory holding `spec.yaml` (and any extra files given). */
export function projectWith(spec: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "pwts-schema-"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "spec.yaml"), spec);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
