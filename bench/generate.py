"""Synthetic, valid flowlint specs of a given number of flows, for benchmarks.

The spec is what a large department might write: services (some third parties and external
systems), entities each with one owner (some personal, some with relationships inside them),
relationships between entities of one owner, flows that copy entities from their owner to the
services that use them (a few through the owner's API, a few carrying an edited copy back) and
APIs with documentation. It is clean except for a known handful of planted mistakes, one finding
each, listed in `PLANTED`, so a benchmark also checks that flowlint found what it should.

With `invalid=True` a duplicate key (FL002) and a few schema mistakes (FL003) are planted as well,
to exercise the paths that report them. With `format_1_1=True` the spec is format 1.1 and uses
every field it added, cleanly (the planted findings stay the same): designated distributors and
the services that copy from them, services that create records in an owner, scoped owners,
derived entities, relationships stored in one place, events, limited operations with their
reconciliation, best-effort delivery with its reconciliation, frequencies, temporary flows, reads
that keep no copy and group names, so that benchmarks measure the rules with them present.

With `many_findings=True` (issue 16) most copies are second-hand: an entity's first copy comes from
its owner and the next ones from that first receiver (every third from the latest one, a longer
chain), so each receiver that passes a copy on is an FL104 finding; and every top-level
relationship is defined by a service that holds neither of its entities (two FL202 findings each).
At 50,000 flows that is about 20,000 FL104 and 2,900 FL202 findings, counted in `expected`; it
combines with `format_1_1`.

Benchmarks use valid specs: check-jsonschema (a baseline) refuses a file with a duplicate key and
would stop before validating anything.

Deterministic: the same size and seed give the same text, byte for byte.

    python bench/generate.py 50000 -o /tmp/spec-50000.yaml
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import dataclass

# One finding of each code is planted in every generated spec.
PLANTED = {
    "FL004": "a flow carrying an entity that is not declared",
    "FL101": "an entity with two owners",
    "FL102": "a service sending an entity it never received",
    "FL103": "a service editing a copy that never flows back to the owner",
    "FL105": "an entity no flow carries and no API lists",
    "FL106": "a service with no flows, entities, APIs or relationships",
    "FL201": "a relationship defined twice under one name",
    "FL301": "a live API without docs",
    "FL302": "a public API listing a personal entity",
    "FL303": "a flow through the API of a service at neither end",
    "FL304": "a live flow carrying a planned entity",
}
# Planted with invalid=True, on top of PLANTED.
INVALID_PLANTED = {
    "FL002": 1,  # a service with its 'name' key written twice
    "FL003": 3,  # an unknown key, a bad id and a flow with no entities
}

ENTITIES_PER_SERVICE = 2
FLOWS_PER_SERVICE = 10
MIN_SERVICES = 12


@dataclass(frozen=True)
class Generated:
    """A generated spec and what flowlint should find in it."""

    text: str
    flows: int
    services: int
    entities: int
    apis: int
    expected: Counter[str]


def generate(
    flows: int,
    seed: int = 1,
    invalid: bool = False,
    format_1_1: bool = False,
    many_findings: bool = False,
) -> Generated:
    """A spec with exactly `flows` flows; its planted findings are in `expected` (code -> count).

    With `many_findings=True` most copies are second-hand and every top-level relationship is
    defined by a service that holds neither of its entities: thousands of FL104 and FL202 findings
    on top of the planted ones, all counted in `expected`."""
    if flows < 50:
        raise ValueError("generate at least 50 flows: the planted mistakes need room")
    rng = random.Random(seed)
    n_services = max(MIN_SERVICES, flows // FLOWS_PER_SERVICE)
    n_entities = n_services * ENTITIES_PER_SERVICE
    out: list[str] = []
    w = out.append

    def svc(i: int) -> str:
        return f"svc-{i:06d}"

    def ent(i: int) -> str:
        return f"ent-{i:06d}"

    def owner_of(entity: int) -> int:
        return entity % n_services

    # A service kind: every 25th is a third party, every 40th external; the rest are services.
    def kind(i: int) -> str | None:
        if i % 25 == 7:
            return "third-party"
        if i % 40 == 11:
            return "external"
        return None

    personal = {e for e in range(n_entities) if e % 9 == 4}
    # Flows: each entity goes from its owner to several services. Targets are drawn at random
    # among services inside the line, so no copy of a copy and no unsourced send happens.
    inside = [i for i in range(n_services) if kind(i) is None]
    # Reserve flows for the planted mistakes and the edited copies that flow back.
    planted_flows = 5
    n_edits = max(1, n_services // 50)
    regular = flows - planted_flows - n_edits
    flow_lines: list[str] = []
    edits: dict[int, list[int]] = {}
    apis = [i for i in range(n_services) if i % 10 == 3 and kind(i) is None]
    api_of = {i: f"api-{i:06d}" for i in apis}
    # Every other API is public: flows go only through private ones (personal data may pass).
    private_apis = {i for n, i in enumerate(apis) if n % 2 == 0}
    pairs: set[tuple[int, int, int]] = set()
    received: list[tuple[int, int]] = []  # (service, entity) copies sent from the owner
    # Format 1.1: who got each entity (so no service gets one twice, which FL109 would report),
    # which services distribute and create what, and the records created by a creator.
    got: set[tuple[int, int]] = set()
    distributes: dict[int, set[int]] = {}
    creates: dict[int, set[int]] = {}
    made: set[tuple[int, int]] = set()
    scoped = (
        {e: (owner_of(e) + 1) % n_services for e in range(0, n_entities, 15)} if format_1_1 else {}
    )
    # Many findings: the services each entity has been copied to so far, in order (the first got
    # it from the owner), and the (intermediate, entity) pairs of FL104 findings.
    hops: dict[int, list[int]] = {}
    passed_on: set[tuple[int, int]] = set()
    track = format_1_1 or many_findings  # keep `got`, so no service gets an entity twice
    # The entity the FL303 flow below carries from inside[0] to inside[1]: in a chain, a copy of
    # it at inside[1] that came second-hand would make that flow a second path (FL109).
    api_entity = next(e for e in range(n_entities) if owner_of(e) == inside[0])
    if many_findings:
        got.add((inside[1], api_entity))
    for j in range(regular):
        entity = j % n_entities
        source = owner_of(entity)
        chain = format_1_1 and not many_findings and j % 37 == 7 and j >= n_entities
        create = format_1_1 and j % 43 == 8 and not chain
        if many_findings and not create:
            # Second-hand: from the entity's first receiver mostly, every third copy from the
            # latest receiver (a longer chain).
            earlier = hops.get(entity, [])
            if earlier:
                source = earlier[-1] if len(earlier) % 3 == 0 else earlier[0]
        if chain:
            # From a service that got it from the owner, declared its distributor.
            source = received[(j * 7) % len(received)][0]
            entity = received[(j * 7) % len(received)][1]
        if create:
            # A service that neither owns nor gets the entity creates records of it in the owner.
            target = owner_of(entity)
            source = rng.choice(inside)
            while source == target or (source, entity) in got or source == scoped.get(entity):
                source = rng.choice(inside)
            creates.setdefault(source, set()).add(entity)
            made.add((source, entity))
        else:
            target = rng.choice(inside)
            while (
                target == source
                or (source, target, entity) in pairs
                or (
                    track
                    and (
                        (target, entity) in got
                        or (target, entity) in made
                        or target == owner_of(entity)
                        or (many_findings and target == scoped.get(entity))
                    )
                )
            ):
                target = rng.choice(inside)
            got.add((target, entity))
        if chain:
            distributes.setdefault(source, set()).add(entity)
        pairs.add((source, target, entity))
        if not create:
            received.append((target, entity))
        carried = [ent(entity)]
        second = entity + n_entities // 2 if entity < n_entities // 2 else entity - n_entities // 2
        if (
            j % 3 == 0
            and owner_of(second) == source
            and second != entity
            and not create
            and (not track or ((target, second) not in got and (target, second) not in made))
        ):
            carried.append(ent(second))
            got.add((target, second))
        lines = [f"  - from: {svc(source)}", f"    to: {svc(target)}"]
        lines.append(f"    entities: [{', '.join(carried)}]")
        if (
            source in private_apis
            and j % 4 == 1
            and not chain
            and not create
            and source == owner_of(entity)  # the API lists only its service's own entities
        ):
            lines += ["    via: api", f"    api: {api_of[source]}"]
        elif j % 7 == 2:
            lines.append("    via: file")
        elif format_1_1 and j % 13 == 2:
            lines.append("    via: event")
        if j % 5 == 0:
            lines.append(f"    purpose: Copy {j} of {ent(entity)} for {svc(target)}")
        if format_1_1:
            extra = _format_1_1_fields(j, create)
            lines += extra
        else:
            extra = []
        if many_findings and not create and "    stores: false" not in extra:
            # A kept copy: its receiver can pass it on, and a copy from a service that is not
            # the owner makes that service an intermediate (FL104, one per intermediate).
            hops.setdefault(entity, []).append(target)
            if source != owner_of(entity):
                passed_on.add((source, entity))
        flow_lines += lines
    # The copy that will be edited and never sent back (FL103), and its entity, which no
    # edited copy flows back for, so nothing carries it back by chance.
    victim_target, victim_entity = received[len(received) // 2]
    # Edited copies carried back to their owner: clean.
    k = 0
    while sum(map(len, edits.values())) < n_edits:
        target, entity = received[(k * 7919) % len(received)]
        k += 1
        if entity == victim_entity or entity in edits.get(target, []):
            continue
        edits.setdefault(target, []).append(entity)
        flow_lines += [
            f"  - from: {svc(target)}",
            f"    to: {svc(owner_of(entity))}",
            f"    entities: [{ent(entity)}]",
            "    purpose: Send the changes back to the owner",
        ]
    # Planted mistakes and what they need.
    extra_services = ["svc-lonely", "svc-double-name"]
    two_owned, unused, planned, unknown = (
        "ent-two-owners",
        "ent-unused",
        "ent-planned",
        "ent-nowhere",
    )
    a, b, c = inside[0], inside[1], inside[2]
    holding = set(received) | made
    sender = next(
        s for s in inside if s != owner_of(victim_entity) and (s, victim_entity) not in holding
    )
    flow_lines += [
        f"  - {{from: {svc(a)}, to: {svc(b)}, entities: [{unknown}]}}",  # FL004
        f"  - {{from: {svc(a)}, to: {svc(b)}, entities: [{two_owned}]}}",  # FL101 stays quiet
        f"  - {{from: {svc(sender)}, to: {svc(c)}, entities: [{ent(victim_entity)}]}}",  # FL102
        f"  - {{from: svc-double-name, to: {svc(b)}, entities: [{planned}]}}",  # FL304
        # FL303: through the API of a service at neither end of the flow.
        f"  - from: {svc(a)}",
        f"    to: {svc(b)}",
        f"    entities: [{ent(api_entity)}]",
        "    via: api",
        f"    api: {api_of[apis[0]]}",
    ]
    lost_editor = victim_target  # FL103: edits a copy it received, nothing flows back
    edits.setdefault(lost_editor, []).append(victim_entity)

    w("flowlint: 1.1\n" if format_1_1 else "flowlint: 1\n")
    w(f"# Generated by bench/generate.py: {flows} flows, seed {seed}.\n")
    w(f"service_line: Synthetic line of {flows} flows\n")
    w('as_of: "2024-05"\n')
    w("description: >-\n  A generated spec for benchmarks: clean except for a known handful of\n")
    w("  planted mistakes (see bench/generate.py).\n")
    w(f"x-generator: {{seed: {seed}}}\n")
    w("services:\n")
    for i in range(n_services):
        w(f"  {svc(i)}:\n    name: Service number {i}\n")
        k = kind(i)
        if k:
            w(f"    kind: {k}\n")
        if i % 6 == 5:
            w(f"    group: group-{i % 17}\n")
        if i in edits:
            w(f"    edits: [{', '.join(ent(e) for e in sorted(set(edits[i])))}]\n")
        if i in distributes:
            w(f"    distributes: [{', '.join(ent(e) for e in sorted(distributes[i]))}]\n")
        if i in creates:
            w(f"    creates: [{', '.join(ent(e) for e in sorted(creates[i]))}]\n")
    w("  svc-lonely:\n    name: Nobody talks to me\n")  # FL106
    w("  svc-double-name:\n    name: One name\n")
    if invalid:
        w("    name: Another name\n")  # FL002
    w("entities:\n")
    for e in range(n_entities):
        w(f"  {ent(e)}:\n    name: Entity number {e}\n")
        if e in scoped:
            w(f"    owner:\n      - {{service: {svc(owner_of(e))}, scope: records made here}}\n")
            other = svc(scoped[e])
            w(f"      - {{service: {other}, scope: records moved in, until: 2099-12-31}}\n")
        else:
            w(f"    owner: {svc(owner_of(e))}\n")
        if e in personal:
            w("    personal_data: true\n")
        if format_1_1 and e % 21 == 5 and e + n_services < n_entities:
            w(f"    derived_from: [{ent(e + n_services)}]\n")  # the same owner has it
        if e % 11 == 3 and e not in scoped:
            other = (e + n_services) % n_entities  # same owner
            w(f"    relationships:\n      - {{name: Part of entity {e}, to: {ent(other)}}}\n")
    w(f"  {two_owned}:\n    owner: [{svc(a)}, {svc(b)}]\n")  # FL101
    w(f"  {unused}:\n    owner: {svc(a)}\n")  # FL105
    w(f"  {planned}:\n    owner: svc-double-name\n    status: planned\n")
    w("relationships:\n")
    unheld = 0
    held = got | made | set(received) | {(c, victim_entity)}  # every (receiver, entity)
    for e in range(0, n_entities, 7):
        other = (e + n_services) % n_entities
        w(f"  - name: Link {e} to {other}\n    from: {ent(e)}\n    to: {ent(other)}\n")
        definer = owner_of(e)
        if many_findings:
            # A service that holds neither entity: one FL202 finding for each.
            definer = (owner_of(e) + 3) % n_services
            while any(
                definer in (owner_of(x), scoped.get(x)) or (definer, x) in held for x in (e, other)
            ):
                definer = (definer + 1) % n_services
            unheld += 2
        w(f"    defined_by: {svc(definer)}\n")
        if format_1_1 and e % 5 == 0:
            w(f"    stored_in: {svc(owner_of(e))}\n")
    # FL201: the same relationship again, by its owner.
    w(f"  - name: Link 0 to {n_services % n_entities}\n    from: {ent(0)}\n")
    w(f"    to: {ent(n_services % n_entities)}\n    defined_by: {svc(0)}\n")
    w("flows:\n")
    w("\n".join(flow_lines))
    w("\n")
    w("apis:\n")
    for n, i in enumerate(apis):
        owned = [ent(e) for e in (i, i + n_services) if e < n_entities and e not in personal]
        w(f"  {api_of[i]}:\n    name: API of service {i}\n    service: {svc(i)}\n")
        w(f"    access: read\n    visibility: {'public' if n % 2 else 'private'}\n")
        if n != 1:  # FL301 on the second API
            w(f"    docs: https://docs.example.invalid/{api_of[i]}\n")
        if owned:
            w(f"    entities: [{', '.join(owned)}]\n")
    # FL302: a public API of the owner listing one of its personal entities.
    leaky = next(e for e in sorted(personal) if kind(owner_of(e)) is None)
    w(f"  api-leaky:\n    name: Leaky API\n    service: {svc(owner_of(leaky))}\n")
    w("    access: read\n    visibility: public\n")
    w(f"    docs: https://docs.example.invalid/leaky\n    entities: [{ent(leaky)}]\n")
    if format_1_1:
        groups = sorted({i % 17 for i in range(n_services) if i % 6 == 5})
        w("groups:\n")
        for g in groups:
            w(f"  group-{g}: {{name: Group {g} (G{g})}}\n")
    expected = Counter(dict.fromkeys(PLANTED, 1))
    if many_findings:
        expected["FL104"] += len(passed_on)
        expected["FL202"] += unheld
    if invalid:
        docs = "    docs: https://docs.example.invalid/broken\n"
        w(f"  api-broken:\n    name: Broken API\n    colour: blue\n{docs}")  # unknown key
        w(f"  Bad_Id:\n    name: Not kebab-case\n{docs}")  # bad id
        expected.update(INVALID_PLANTED)
    text = "".join(out)
    if invalid:  # a flow with an empty entity list, before the last flow
        text = text.replace(
            f"  - {{from: {svc(a)}, to: {svc(b)}, entities: [{unknown}]}}",
            f"  - {{from: {svc(a)}, to: {svc(b)}, entities: []}}\n"
            f"  - {{from: {svc(a)}, to: {svc(b)}, entities: [{unknown}]}}",
        )
    return Generated(
        text=text,
        flows=flows + (1 if invalid else 0),
        services=n_services + len(extra_services),
        entities=n_entities + 3,
        apis=len(apis) + 1 + (2 if invalid else 0),
        expected=expected,
    )


def _format_1_1_fields(j: int, create: bool) -> list[str]:
    """The format 1.1 fields of the j-th regular flow, chosen so that none gives a finding."""
    if create:
        return ["    operations: [create]"]
    lines = []
    if j % 11 == 1:
        lines.append("    frequency: daily at 02:00")
    if j % 17 == 3:
        lines += ["    operations: [create, update]", "    reconciliation: nightly sweep"]
    elif j % 19 == 4:
        lines += ["    delivery: best-effort", "    reconciliation: weekly compare"]
    if j % 23 == 5:
        lines.append("    until: 2099-12-31")
    if j % 29 == 6:
        lines.append("    stores: false")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Write a generated spec to a file or stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("flows", type=int, help="number of flows")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--invalid", action="store_true", help="plant a duplicate key and schema mistakes too"
    )
    parser.add_argument(
        "--format-1-1", action="store_true", help="use every field format 1.1 added, cleanly"
    )
    parser.add_argument(
        "--many-findings",
        action="store_true",
        help="most copies second-hand and relationships defined by services that do not hold "
        "their entities: thousands of FL104 and FL202 findings",
    )
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    spec = generate(args.flows, args.seed, args.invalid, args.format_1_1, args.many_findings)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(spec.text)
    else:
        sys.stdout.write(spec.text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
