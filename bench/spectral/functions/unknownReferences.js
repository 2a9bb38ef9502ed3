// A Spectral custom function: every reference to an undeclared id of one kind (flowlint FL004).
//
// Options: {kind: "service" | "entity" | "api"}. Given the whole document (`given: $`), it walks
// the places flowlint's model reads references from (flowlint/model.py, Model._reference_sites)
// and returns one result per reference whose id is not a key of its section. Ids starting with
// "x-" in a section are extensions, not declarations, as in flowlint; values that are not text
// are left to the schema rule.

const SECTION = { service: "services", entity: "entities", api: "apis" };

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function members(doc, section) {
  const table = doc[section];
  if (!isObject(table)) return [];
  return Object.keys(table)
    .filter((id) => !id.startsWith("x-"))
    .map((id) => [id, isObject(table[id]) ? table[id] : {}]);
}

function items(doc, section) {
  const list = doc[section];
  if (!Array.isArray(list)) return [];
  return list.map((body, index) => [index, body]).filter(([, body]) => isObject(body));
}

// A reference that may be one id or a list of ids, at path.
function* oneOrMany(value, path) {
  if (typeof value === "string") {
    yield [value, path];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] === "string") yield [value[i], [...path, i]];
    }
  }
}

function* references(doc, kind) {
  if (kind === "service") {
    for (const [id, body] of members(doc, "entities")) {
      const owner = body.owner;
      const path = ["entities", id, "owner"];
      if (Array.isArray(owner) && owner.length && owner.every(isObject)) {
        for (let i = 0; i < owner.length; i++) {
          if (typeof owner[i].service === "string") {
            yield [owner[i].service, [...path, i, "service"]];
          }
        }
      } else {
        yield* oneOrMany(owner, path);
      }
    }
    for (const [index, body] of items(doc, "relationships")) {
      yield* oneOrMany(body.defined_by, ["relationships", index, "defined_by"]);
      yield* oneOrMany(body.stored_in, ["relationships", index, "stored_in"]);
    }
    for (const [index, body] of items(doc, "flows")) {
      yield* oneOrMany(body.from, ["flows", index, "from"]);
      yield* oneOrMany(body.to, ["flows", index, "to"]);
    }
    for (const [id, body] of members(doc, "apis")) {
      yield* oneOrMany(body.service, ["apis", id, "service"]);
    }
  } else if (kind === "entity") {
    for (const [id, body] of members(doc, "services")) {
      for (const key of ["edits", "distributes", "creates"]) {
        yield* oneOrMany(body[key], ["services", id, key]);
      }
    }
    for (const [id, body] of members(doc, "entities")) {
      yield* oneOrMany(body.derived_from, ["entities", id, "derived_from"]);
      const related = Array.isArray(body.relationships) ? body.relationships : [];
      for (let i = 0; i < related.length; i++) {
        if (isObject(related[i])) {
          yield* oneOrMany(related[i].to, ["entities", id, "relationships", i, "to"]);
        }
      }
    }
    for (const [index, body] of items(doc, "relationships")) {
      yield* oneOrMany(body.from, ["relationships", index, "from"]);
      yield* oneOrMany(body.to, ["relationships", index, "to"]);
    }
    for (const [index, body] of items(doc, "flows")) {
      yield* oneOrMany(body.entities, ["flows", index, "entities"]);
    }
    for (const [id, body] of members(doc, "apis")) {
      yield* oneOrMany(body.entities, ["apis", id, "entities"]);
    }
  } else if (kind === "api") {
    for (const [index, body] of items(doc, "flows")) {
      yield* oneOrMany(body.api, ["flows", index, "api"]);
    }
  }
}

export default function unknownReferences(doc, options) {
  if (!isObject(doc)) return [];
  const kind = options.kind;
  const declared = new Set(members(doc, SECTION[kind]).map(([id]) => id));
  const results = [];
  for (const [id, path] of references(doc, kind)) {
    if (!declared.has(id)) {
      results.push({ message: `unknown ${kind} '${id}' (declare it under '${SECTION[kind]}')`, path });
    }
  }
  return results;
}
