"""The public rule API: every name a rule module needs, and the only module it needs to import.

A rule is a Python module (built-in, installed under the entry-point group `flowlint.rules`, or a
file in a `--rules-dir` folder) that defines:

- `CODE`: a unique code such as `"ORG101"` (upper-case letters, then digits; the `FL` prefix
  belongs to flowlint's built-in rules);
- `NAME`: a kebab-case name such as `"personal-data-via-api"`;
- `SEVERITY`: `"error"`, `"warning"` or `"info"` (the default; the configuration may change it);
- `ENABLED` (optional, default True): False for a rule that runs only when selected;
- `OPTIONS_SCHEMA` (optional): a JSON Schema (a dict) for the rule's options, an object whose
  properties' `default`s are the options' defaults; the configuration sets them under
  `[tool.flowlint.rule-options.<CODE or name>]` and flowlint validates them against this schema;
- `check(model)`, or `check(model, options)` to receive the options (a read-only mapping of the
  defaults updated with the configured values): a function returning or yielding `Problem`s;
- a docstring: a one-line summary, then `Why:`, `Fails:` (a spec the rule reports), `Passes:`
  (the same spec, fixed) and `Fix:` sections, which `flowlint explain` shows.

The model a rule reads (`Model`) is immutable and indexed once; a rule only reads it:

- `model.services`, `model.entities`, `model.apis`: mappings by id of `Service`, `Entity`, `Api`;
  `model.flows` (`Flow`) and `model.relationships` (`Relationship`): tuples in document order.
  Every element has a `location` (file, 1-based line and column, JSON Pointer), and every
  reference to another element is a `Ref` (its id and where the reference is written).
- `model.owner_of(entity)`: the sole declared owner, or None; `model.owners_of(entity)`: every
  declared owner, plain or scoped (an `Entity`'s `owners` are `Ref`s to them all; its
  `scoped_owners` are `ScopedOwner`s with `service`, `scope` and `until`).
- `model.flows_out_of[service]`, `model.flows_into[service]`, `model.flows_carrying[entity]`:
  mappings to tuples of flows (use `.get(key, ())`).
- `model.provenance(entity)`: the one answer to an entity's lineage, a `Provenance` with its
  `owners`, `creators`, `distributors`, `sources` (outside services sending it), `copies` (flows
  that pass records on: not retired, not delete-only), `has` (who may pass it on), `holders` (who
  keeps a copy), `relays` (who gets it only through `stores: false` flows), `first_hand` (who keeps
  a first-hand copy), `reaching_owner` (whose updates reach an owner), and the tests
  `second_hand(service, inside)` (FL104's) and `edit_lost(service)` (FL103's). Rules about
  lineage read it rather than work it out again, so they agree with each other and with
  `flowlint lineage`.
- `model.holders(entity)` and `model.reaching_owner(entity)`: its `holders` and `reaching_owner`.
- `model.chain_from_owner(entity, service)`: the shortest chain of copies carrying the entity from
  an owner to the service (`()` for an owner itself, None when there is none).
- `model.groups`: the `Group`s named under `groups` (display names of service groups), by group;
  `model.today`: the day `until` dates are judged against (YYYY-MM-DD), set by the engine.
- `model.receives(service, entity)`, `model.reachable(entity, starts)`, `model.is_outside(service)`,
  `model.references()`, `model.declared(kind)`, `model.has_schema_problem(location)` (or of an
  element: `model.has_schema_problem(entity)` asks about its node without finding its line),
  `model.is_valid_id(ident)`. Every element also has `.file` and `.pointer`, its location's,
  found without its line and column.
- `model.undeclared_references()`: the `(kind, ref, description)` of `model.references()` whose id
  is not declared; `model.referenced(kind)`: the set of ids references of a kind name. Both are
  much faster on a big spec than filtering `model.references()`.

A rule yields `Problem(location, message, subject)`: `subject` is a tuple of the ids the problem is
about (never positions or wording), from which the finding's stable fingerprint is made. The
engine turns each into a `Finding` (adding the rule's code, name and `Severity`). `Location` is
what `location` fields hold.

Messages stay short whatever the spec holds (a name may be 100 KB long, a list 20,000 ids):
`quoted(text)` puts a value in single quotes, cut to 80 characters with "…" (`excerpt(text)` cuts
without the quotes), and `quoted_list(ids, conjunction="and", limit=10)` quotes and joins ids for
a message ("'a', 'b' and 'c'"), naming at most `limit` (each cut like `quoted`) and then "and N
more". Quote every id, name or other spec value a message shows with one of them.

Helpers: `Suggester(candidates).closest(word)` for "did you mean" hints (at a bounded cost per
look-up), and `model.suggester(kind)`, the model's own one over the declared ids of a kind (its
index is made once, whichever rule asks first); `relationship_key(rel)` and
`normalized_name(name)` say when two `Relationship` definitions are the same; `LIVE` is the
default `status` of services, entities, flows and APIs; every element's `at(key)` is where one of
its keys is written (e.g. `flow.at("until")`).
`Rule.from_module(module)` reads a rule module as flowlint does (for tests); a `Rule` has `code`,
`name`, `severity`, `enabled_by_default`, `options` and `origin`.

The names in `__all__` are stable: they keep their meaning and signatures within a major version
of flowlint. Anything else in flowlint (other modules, names starting with `_`, the model's
precomputed fields such as `holders_of`) may change without notice. `flowlint.testing` is the
public helper for testing rules (`lint_text(spec, rules=[Rule.from_module(my_rule)])`).
"""

from flowlint.findings import Finding, Location, Problem, Severity
from flowlint.model import (
    LIVE,
    Api,
    Entity,
    Flow,
    Group,
    Model,
    Ref,
    Relationship,
    ScopedOwner,
    Service,
    normalized_name,
    relationship_key,
)
from flowlint.provenance import Provenance
from flowlint.rule import Rule
from flowlint.suggest import Suggester
from flowlint.wording import excerpt, quoted, quoted_list

__all__ = [
    "LIVE",
    "Api",
    "Entity",
    "Finding",
    "Flow",
    "Group",
    "Location",
    "Model",
    "Problem",
    "Provenance",
    "Ref",
    "Relationship",
    "Rule",
    "ScopedOwner",
    "Service",
    "Severity",
    "Suggester",
    "excerpt",
    "normalized_name",
    "quoted",
    "quoted_list",
    "relationship_key",
]
