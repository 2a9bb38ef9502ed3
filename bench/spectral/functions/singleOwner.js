// A Spectral custom function: every entity has exactly one owner (flowlint FL101).
//
// Given the whole document (`given: $`): an entity without `owner`, one whose owner is a list of
// two or more different plain service ids, and each scoped owner (`{service, scope}`) without a
// scope. Reported where flowlint reports them: at the entity, at its `owner`, at the scoped owner.

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export default function singleOwner(doc) {
  if (!isObject(doc) || !isObject(doc.entities)) return [];
  const results = [];
  for (const id of Object.keys(doc.entities)) {
    if (id.startsWith("x-")) continue;
    const body = isObject(doc.entities[id]) ? doc.entities[id] : {};
    const owner = body.owner;
    if (owner === undefined) {
      results.push({ message: `entity '${id}' has no owner`, path: ["entities", id] });
    } else if (Array.isArray(owner) && owner.length && owner.every(isObject)) {
      owner.forEach((scoped, i) => {
        if (typeof scoped.scope !== "string" || !scoped.scope.trim()) {
          const message = `owner '${scoped.service}' of entity '${id}' has no scope`;
          results.push({ message, path: ["entities", id, "owner", i] });
        }
      });
    } else if (Array.isArray(owner)) {
      const owners = new Set(owner.filter((o) => typeof o === "string"));
      if (owners.size > 1) {
        const message = `entity '${id}' has ${owners.size} owners; keep one`;
        results.push({ message, path: ["entities", id, "owner"] });
      }
    }
  }
  return results;
}
