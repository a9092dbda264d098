// Turns OpenAPI 3.0 response schemas from Chatwoot's swagger.json into JSON Schema for ajv:
// `$ref`s inlined, `nullable: true` turned into a `null` type, additional properties allowed
// (OpenAPI's default).
import { readFileSync } from 'node:fs';

export type Schema = Record<string, unknown>;

export interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
}

export function loadSwagger(url: URL): OpenApiDoc {
  return JSON.parse(readFileSync(url, 'utf8')) as OpenApiDoc;
}

const isObject = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Inlines `#/components/schemas/...` refs; throws on a cycle rather than looping. */
export function deref(doc: OpenApiDoc, node: unknown, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => deref(doc, n, seen));
  if (!isObject(node)) return node;
  const ref = node.$ref;
  if (typeof ref === 'string') {
    const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
    const target = name ? doc.components.schemas[name] : undefined;
    if (!name || !target) throw new Error(`unresolvable $ref ${ref}`);
    if (seen.includes(name)) throw new Error(`cyclic $ref ${[...seen, name].join(' → ')}`);
    const { $ref: _ignored, ...siblings } = node;
    const resolved = deref(doc, target, [...seen, name]) as Schema;
    return Object.keys(siblings).length ? { ...resolved, ...siblings } : resolved;
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) out[k] = deref(doc, v, seen);
  return out;
}

/** OpenAPI 3.0 `nullable: true` → JSON Schema; drops OpenAPI-only keywords. */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const { nullable, example: _e, xml: _x, ...rest } = node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(rest)) {
    // `properties` maps names to schemas; everything else converts structurally.
    out[k] =
      k === 'properties' && isObject(v)
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, toJsonSchema(s)]))
        : toJsonSchema(v);
  }
  if (nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** The JSON response schema of one operation, dereferenced and converted. */
export function responseSchema(
  doc: OpenApiDoc,
  path: string,
  method: string,
  status = '200',
): Schema {
  const op = doc.paths[path]?.[method];
  const responses = isObject(op) ? op.responses : undefined;
  const response = isObject(responses) ? responses[status] : undefined;
  const content = isObject(response) ? response.content : undefined;
  const json = isObject(content) ? content['application/json'] : undefined;
  const schema = isObject(json) ? json.schema : undefined;
  if (!isObject(schema)) throw new Error(`no ${status} JSON schema for ${method} ${path}`);
  return toJsonSchema(deref(doc, schema)) as Schema;
}

/** One component schema (`#/components/schemas/<name>`), dereferenced and converted. */
export function componentSchema(doc: OpenApiDoc, name: string): Schema {
  return toJsonSchema(deref(doc, { $ref: `#/components/schemas/${name}` })) as Schema;
}

/**
 * Walks `a.b.c` through `properties` (and `allOf` members; `[]` steps into array `items`);
 * throws if the spec changed shape.
 */
export function at(schema: Schema, dotted: string): Schema {
  let node: Schema = schema;
  for (const key of dotted.split('.')) {
    if (key === '[]') {
      if (!isObject(node.items)) throw new Error(`swagger has no items at ${dotted}`);
      node = node.items;
      continue;
    }
    const direct = isObject(node.properties) ? node.properties[key] : undefined;
    const viaAllOf = Array.isArray(node.allOf)
      ? (node.allOf as unknown[]).find(
          (m): m is Schema => isObject(m) && isObject(m.properties) && key in m.properties,
        )
      : undefined;
    const next =
      direct ?? (viaAllOf && isObject(viaAllOf.properties) ? viaAllOf.properties[key] : undefined);
    if (!isObject(next)) throw new Error(`swagger has no property ${dotted} (at ${key})`);
    node = next;
  }
  return node;
}
