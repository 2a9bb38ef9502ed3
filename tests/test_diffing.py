"""The semantic diff: changes matched by identity, each with the verdict the issue asks for."""

from __future__ import annotations

import textwrap

import pytest

from flowlint.diffing import SpecDiff, Verdict, compare_findings, diff_models
from flowlint.engine import lint, select_rules
from flowlint.findings import Finding, Location, Severity
from flowlint.loading import Loaded, parse_text
from flowlint.model import build_model
from flowlint.rules import BUILTIN_RULES

BASE = textwrap.dedent(
    """\
    flowlint: 1
    services:
      apply: {name: Apply}
      manage: {name: Manage}
      register: {name: Register}
      dqt: {name: DQT, kind: third-party}
      srs: {name: SRS, kind: external}
    entities:
      application: {owner: apply, personal_data: true}
      course: {owner: apply}
      trainee: {owner: register, personal_data: true}
    relationships:
      - {name: Course to application, from: course, to: application, defined_by: apply}
    flows:
      - {from: apply, to: manage, entities: [application, course], purpose: Review}
      - {from: apply, to: register, entities: [application]}
      - {from: register, to: dqt, entities: [trainee], purpose: Record}
      - {from: srs, to: register, entities: [trainee], via: api, api: register-api}
    apis:
      register-api: {name: Register API, service: register, access: write, visibility: private, docs: "https://example.com/register", entities: [trainee]}
      course-api: {name: Course API, service: apply, access: read, visibility: public, docs: "https://example.com/courses", entities: [course]}
    """
)
REGISTER_API = (
    "  register-api: {name: Register API, service: register, access: write, visibility: private, "
    'docs: "https://example.com/register", entities: [trainee]}\n'
)
COURSE_API = (
    "  course-api: {name: Course API, service: apply, access: read, visibility: public, "
    'docs: "https://example.com/courses", entities: [course]}\n'
)
SRS_FLOW = "  - {from: srs, to: register, entities: [trainee], via: api, api: register-api}\n"


def compare(head: str | dict[str, str], base: str | dict[str, str] = BASE) -> SpecDiff:
    def side(files: str | dict[str, str]):
        texts = {"spec.yaml": files} if isinstance(files, str) else files
        sources = tuple(parse_text(text, path) for path, text in sorted(texts.items()))
        report = lint(Loaded(sources), select_rules(BUILTIN_RULES))
        return build_model(sources), report.findings

    (before, base_findings), (after, head_findings) = side(base), side(head)
    return diff_models(before, after, base_findings, head_findings)


def rows(result: SpecDiff) -> list[tuple[str, str, str, str, str]]:
    return [(c.verdict.value, c.kind, c.action, c.detail, c.reason) for c in result.changes]


def test_the_base_spec_is_clean_so_every_finding_below_comes_from_the_change() -> None:
    assert compare(BASE).introduced == compare(BASE).resolved == ()
    sources = (parse_text(BASE, "spec.yaml"),)
    assert lint(Loaded(sources), select_rules(BUILTIN_RULES)).findings == ()


def test_moving_and_splitting_changes_nothing() -> None:
    lines = BASE.splitlines(keepends=True)
    flows_at = lines.index("flows:\n")
    apis_at = lines.index("apis:\n")
    # Flows in reverse order, in a second file together with the APIs.
    first = "".join(lines[:flows_at])
    second = "flowlint: 1\n" + "flows:\n" + "".join(reversed(lines[flows_at + 1 : apis_at]))
    second += "".join(lines[apis_at:])
    result = compare({"a.yaml": first, "b.yaml": second})
    assert result.changes == ()
    assert result.summary == {"breaking": 0, "risky": 0, "safe": 0}
    assert result.worst() is None


def test_removing_a_flow_a_consumer_relies_on_is_breaking() -> None:
    result = compare(BASE.replace("  - {from: apply, to: register, entities: [application]}\n", ""))
    assert rows(result) == [
        (
            "breaking",
            "flow",
            "removed",
            "flow apply -> register (copy) removed (it carried 'application')",
            "'register' relies on it for 'application'",
        )
    ]
    change = result.changes[0]
    assert change.ids == ("apply", "register", "copy")
    assert (change.location.file, change.location.line) == ("spec.yaml", 16)  # in the base
    assert result.fails("breaking") and result.fails("risky") and not result.fails("never")


def test_a_flow_replaced_by_another_route_is_safe() -> None:
    result = compare(
        BASE.replace(
            "{from: apply, to: register, entities: [application]}",
            "{from: manage, to: register, entities: [application]}",
        )
    )
    assert rows(result) == [
        (
            "safe",
            "flow",
            "removed",
            "flow apply -> register (copy) removed (it carried 'application')",
            "'register' still receives 'application' through other flows; it introduces 1 FL104 "
            "copy-chain info finding",
        ),
        (
            "safe",
            "flow",
            "added",
            "flow manage -> register (copy) added (carrying 'application')",
            "no personal data reaches a service that did not have it; it introduces 1 FL104 "
            "copy-chain info finding",
        ),
    ]
    # The change still introduces a finding: 'register' now gets a second-hand copy; an info
    # finding does not make it worse than safe.
    assert [f.code for f in result.introduced] == ["FL104"]
    assert not result.fails("risky")


def test_an_api_becoming_public_while_it_exposes_personal_data_is_breaking() -> None:
    result = compare(BASE.replace("visibility: private", "visibility: public"))
    assert rows(result) == [
        (
            "breaking",
            "api",
            "changed",
            "API 'register-api' visibility: 'private' -> 'public'",
            "it becomes public while it exposes personal data 'trainee'; it introduces findings "
            "that check fails on: 1 FL302 public-personal-data error",
        )
    ]
    assert result.changes[0].field == "visibility"
    assert [(f.code, f.message) for f in result.introduced] == [
        (
            "FL302",
            "public API 'register-api' carries personal entity 'trainee'; make the API "
            "'visibility: private', or remove 'trainee' from it",
        )
    ]
    assert result.resolved == ()


def test_an_owner_change_is_risky_and_losing_the_owner_is_breaking() -> None:
    # 'apply' still sends 'course' (now owned by 'manage') and relates it: an error check fails
    # on, so the owner change is breaking.
    changed = compare(BASE.replace("course: {owner: apply}", "course: {owner: manage}"))
    assert rows(changed) == [
        (
            "breaking",
            "owner",
            "changed",
            "owner of entity 'course': 'apply' -> 'manage'",
            "responsibility for the data moves: every copy must now come from 'manage'; it "
            "introduces findings that check fails on: 1 FL102 unsourced-data error; it also "
            "introduces 1 FL202 unheld-relationship warning",
        )
    ]
    assert sorted(f.code for f in changed.introduced) == ["FL102", "FL202"]
    assert changed.fails("breaking")
    # Moved with its flows and relationship, the owner change alone is risky.
    moved = compare(
        BASE.replace("course: {owner: apply}", "course: {owner: manage}")
        .replace("entities: [application, course], purpose: Review", "entities: [application]")
        .replace("to: application, defined_by: apply}", "to: application, defined_by: manage}")
        .replace("flows:\n", "flows:\n  - {from: manage, to: apply, entities: [course]}\n")
        .replace(
            "service: apply, access: read, visibility: public",
            "service: manage, access: read, visibility: public",
        )
    )
    assert [(c.verdict.value, c.kind, c.action) for c in moved.changes if c.kind == "owner"] == [
        ("risky", "owner", "changed")
    ]
    lost = compare(BASE.replace("trainee: {owner: register, ", "trainee: {"))
    assert rows(lost) == [
        (
            "breaking",
            "owner",
            "removed",
            "owner of entity 'trainee' removed (was 'register')",
            "'trainee' has no owner: nobody is responsible for it; it introduces findings that "
            "check fails on: 1 FL101 single-owner error",
        )
    ]
    assert [f.code for f in lost.introduced] == ["FL101"]


def test_personal_data_newly_leaving_the_boundary_is_risky() -> None:
    result = compare(
        BASE.replace("flows:\n", "flows:\n  - {from: manage, to: dqt, entities: [application]}\n")
    )
    assert rows(result) == [
        (
            "risky",
            "flow",
            "added",
            "flow manage -> dqt (copy) added (carrying 'application')",
            "personal data 'application' newly leaves the boundary: 'dqt' is a third party",
        )
    ]
    moved_out = compare(
        BASE.replace("manage: {name: Manage}", "manage: {name: Manage, kind: external}")
    )
    assert rows(moved_out) == [
        (
            "risky",
            "service",
            "changed",
            "service 'manage' kind: 'service' -> 'external'",
            "personal data 'application' it receives now leaves the boundary",
        )
    ]


def test_a_new_copy_of_personal_data_is_risky_and_a_new_service_safe() -> None:
    head = BASE.replace("services:\n", "services:\n  claims: {name: Claims}\n").replace(
        "flows:\n", "flows:\n  - {from: apply, to: claims, entities: [application, course]}\n"
    )
    assert rows(compare(head)) == [
        (
            "risky",
            "flow",
            "added",
            "flow apply -> claims (copy) added (carrying 'application' and 'course')",
            "a new copy of personal data 'application' in 'claims'",
        ),
        (
            "safe",
            "service",
            "added",
            "service 'claims' added",
            "a new service changes nothing that existed",
        ),
    ]


def test_an_entity_dropped_from_a_flow_is_a_change() -> None:
    result = compare(
        BASE.replace("entities: [application, course], purpose", "entities: [application], purpose")
    )
    assert rows(result) == [
        (
            "breaking",
            "flow",
            "changed",
            "flow apply -> manage (copy) no longer carries 'course'",
            "'manage' relies on it for 'course'",
        )
    ]
    assert result.changes[0].field == "entities"
    # Retiring a live flow takes the data away just the same.
    retired = compare(
        BASE.replace(
            "{from: apply, to: register, entities: [application]}",
            "{from: apply, to: register, entities: [application], status: retired}",
        )
    )
    assert rows(retired) == [
        (
            "breaking",
            "flow",
            "changed",
            "flow apply -> register (copy) status: 'live' -> 'retired'",
            "'register' relies on it for 'application'",
        )
    ]


def test_a_flow_that_changes_mechanism_is_one_change() -> None:
    head = BASE.replace(SRS_FLOW, "  - {from: srs, to: register, entities: [trainee], via: file}\n")
    assert rows(compare(head)) == [
        (
            "safe",
            "flow",
            "changed",
            "flow srs -> register now goes by file (was through API 'register-api')",
            "the same data reaches 'register' another way",
        )
    ]


def test_removing_an_api_in_use_or_public_is_breaking() -> None:
    head = BASE.replace(REGISTER_API, "").replace(
        SRS_FLOW, "  - {from: srs, to: register, entities: [trainee], via: file}\n"
    )
    assert rows(compare(head))[0] == (
        "breaking",
        "api",
        "removed",
        "API 'register-api' removed",
        "'srs' uses it",
    )
    assert rows(compare(BASE.replace(COURSE_API, ""))) == [
        (
            "breaking",
            "api",
            "removed",
            "API 'course-api' removed",
            "it was public: callers outside the spec may rely on it",
        )
    ]


def test_narrowing_access_that_a_live_flow_uses_is_breaking() -> None:
    result = compare(BASE.replace("access: write", "access: read"))
    assert rows(result) == [
        (
            "breaking",
            "api",
            "changed",
            "API 'register-api' access: 'write' -> 'read'",
            "live flow srs -> register (api register-api) writes through it; it introduces "
            "findings that check fails on: 1 FL303 api-direction error",
        )
    ]
    assert [f.code for f in result.introduced] == ["FL303"]


def test_data_no_longer_marked_personal_is_risky() -> None:
    result = compare(
        BASE.replace(
            "application: {owner: apply, personal_data: true}", "application: {owner: apply}"
        )
    )
    assert rows(result) == [
        (
            "risky",
            "entity",
            "changed",
            "entity 'application' personal_data: true -> false",
            "the rules that protect personal data stop checking it",
        )
    ]


def test_removing_a_sink_with_its_flows_is_safe() -> None:
    head = BASE.replace("  dqt: {name: DQT, kind: third-party}\n", "").replace(
        "  - {from: register, to: dqt, entities: [trainee], purpose: Record}\n", ""
    )
    assert rows(compare(head)) == [
        (
            "safe",
            "service",
            "removed",
            "service 'dqt' removed",
            "no remaining service received data from it",
        ),
        (
            "safe",
            "flow",
            "removed",
            "flow register -> dqt (copy) removed (it carried 'trainee')",
            "its consumer 'dqt' was removed too",
        ),
    ]


def test_relationships_match_by_name_and_unordered_entities() -> None:
    # Written inside the entity instead of in `relationships:`: the same relationship.
    inside = BASE.replace(
        "  - {name: Course to application, from: course, to: application, defined_by: apply}\n",
        "  []\n",
    ).replace(
        "course: {owner: apply}",
        "course: {owner: apply, relationships: [{name: Course to application, to: application}]}",
    )
    assert compare(inside).changes == ()
    reworded = compare(
        BASE.replace(
            "{name: Course to application, from: course, to: application, defined_by: apply}",
            "{name: course to  Application, from: application, to: course, defined_by: [apply, manage]}",
        )
    )
    assert [(c.verdict.value, c.action, c.field, c.detail) for c in reworded.changes] == [
        (
            "risky",
            "changed",
            "defined_by",
            "relationship 'course to  Application' (application -> course) defined_by: +manage",
        ),
        (
            "safe",
            "changed",
            "name",
            "relationship 'course to  Application' (application -> course) rewritten "
            "(was 'Course to application' (course -> application))",
        ),
    ]
    assert [f.code for f in reworded.introduced] == ["FL201"]


def test_changes_are_ordered_most_severe_first() -> None:
    head = (
        BASE.replace("visibility: private", "visibility: public")
        .replace("application: {owner: apply, personal_data: true}", "application: {owner: apply}")
        .replace("services:\n", "services:\n  claims: {name: Claims}\n")
        .replace("flows:\n", "flows:\n  - {from: apply, to: claims, entities: [course]}\n")
    )
    result = compare(head)
    assert [c.verdict for c in result.changes] == [
        Verdict.BREAKING,
        Verdict.RISKY,
        Verdict.SAFE,
        Verdict.SAFE,
    ]
    assert result.summary == {"breaking": 1, "risky": 1, "safe": 2}
    assert result.worst() is Verdict.BREAKING


def _finding(code: str, subject: tuple[str, ...], line: int) -> Finding:
    return Finding(code, "x", Severity.ERROR, "m", Location("s.yaml", line, 1), subject)


def test_findings_compare_by_fingerprint_counting_repeats() -> None:
    same_moved = (_finding("FL101", ("entity", "a"), 3), _finding("FL101", ("entity", "a"), 30))
    base = (_finding("FL101", ("entity", "a"), 1), _finding("FL004", ("x",), 2))
    introduced, resolved = compare_findings(base, same_moved)
    assert [(f.code, f.location.line) for f in introduced] == [("FL101", 30)]
    assert [(f.code, f.location.line) for f in resolved] == [("FL004", 2)]


@pytest.mark.parametrize(
    ("fail_on", "expected"), [("breaking", False), ("risky", True), ("never", False)]
)
def test_fail_on_thresholds(fail_on: str, expected: bool) -> None:
    result = compare(
        BASE.replace(
            "application: {owner: apply, personal_data: true}", "application: {owner: apply}"
        )
    )
    assert result.fails(fail_on) is expected


@pytest.mark.parametrize(
    ("fail_on", "verdicts"),
    [
        ("error", ["breaking", "risky", "safe"]),
        ("warning", ["breaking", "breaking", "safe"]),
        ("info", ["breaking", "breaking", "breaking"]),
        ("never", ["risky", "risky", "safe"]),
    ],
)
def test_a_finding_is_breaking_when_check_fails_on_it(fail_on: str, verdicts: list[str]) -> None:
    from flowlint.diffing import finding_verdict

    findings = [
        Finding("FL1", "x", severity, "m", Location("s.yaml", 1, 1), ("entity", "a"))
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    assert [finding_verdict(f, fail_on).value for f in findings] == verdicts


def test_the_verdict_of_the_findings_alone_counts_when_no_change_is_about_them() -> None:
    # An unknown key is an FL003 error that no semantic change is about.
    result = compare(BASE.replace("apply: {name: Apply}", "apply: {name: Apply, colour: red}"))
    assert result.changes == ()
    assert [f.code for f in result.introduced] == ["FL003"]
    assert result.from_findings is Verdict.BREAKING and result.findings_are_worse()
    assert result.worst() is Verdict.BREAKING
    assert result.fails("breaking") and not result.fails("never")


# Format 1.1 fields (issue 11): what they change is classified too.

BASE_1_1 = textwrap.dedent(
    """\
    flowlint: 1.1
    services:
      publisher: {name: Publishing app}
      store: {name: Content store}
      frontend: {name: Website}
      importer: {name: Importer}
    entities:
      item:
        owner:
          - {service: publisher, scope: guidance}
          - {service: importer, scope: imported documents}
    flows:
      - {from: publisher, to: store, entities: [item], reconciliation: nightly sweep}
      - {from: importer, to: store, entities: [item]}
      - {from: store, to: frontend, entities: [item], delivery: guaranteed}
    """
)


def compare_1_1(head: str, today: str = "2026-01-01") -> SpecDiff:
    def side(text: str):
        sources = (parse_text(text, "spec.yaml"),)
        report = lint(Loaded(sources), select_rules(BUILTIN_RULES), today=today)
        return build_model(sources, today=today), report.findings

    (before, base_findings), (after, head_findings) = side(BASE_1_1), side(head)
    return diff_models(before, after, base_findings, head_findings)


def test_format_1_1_changes_that_weaken_a_copy_are_risky() -> None:
    head = (
        BASE_1_1.replace(", reconciliation: nightly sweep}", ", operations: [create, update]}")
        .replace("delivery: guaranteed", "delivery: best-effort, reconciliation: weekly compare")
        .replace("scope: imported documents", "scope: everything imported")
    )
    fl112 = "; it introduces 1 FL112 delete-not-propagated warning"
    assert rows(compare_1_1(head)) == [
        (
            "risky",
            "entity",
            "changed",
            "entity 'item' scope of owner 'importer': 'imported documents' -> "
            "'everything imported'",
            "which records 'importer' owns changes: copies may now come from the wrong owner"
            + fl112,
        ),
        (
            "risky",
            "flow",
            "changed",
            "flow publisher -> store (copy) operations: [create, update, delete] -> "
            "[create, update]",
            "records deleted at the source now live on in 'store'" + fl112,
        ),
        (
            "risky",
            "flow",
            "changed",
            "flow publisher -> store (copy) reconciliation: 'nightly sweep' -> (none)",
            "nothing is said to repair drift in the copy in 'store' any more" + fl112,
        ),
        (
            "risky",
            "flow",
            "changed",
            "flow store -> frontend (copy) delivery: 'guaranteed' -> 'best-effort'",
            "a failed delivery is no longer retried: 'frontend' may keep stale data",
        ),
        (
            "safe",
            "flow",
            "changed",
            "flow store -> frontend (copy) reconciliation: (none) -> 'weekly compare'",
            "what repairs drift in the copy",
        ),
    ]


def test_adding_a_scoped_owner_is_risky_and_declarations_are_safe() -> None:
    head = BASE_1_1.replace(
        "      - {service: importer, scope: imported documents}\n",
        "      - {service: importer, scope: imported documents}\n"
        "      - {service: frontend, scope: comments}\n",
    ).replace(
        "  store: {name: Content store}", "  store: {name: Content store, distributes: [item]}"
    )
    assert rows(compare_1_1(head)) == [
        (
            "risky",
            "owner",
            "changed",
            "owner of entity 'item': 'importer' and 'publisher' -> 'frontend', 'importer' and "
            "'publisher'",
            "responsibility for the data moves: every copy must now come from 'frontend', "
            "'importer' and 'publisher'; it resolves 1 FL104 copy-chain info finding",
        ),
        (
            "safe",
            "service",
            "changed",
            "service 'store' distributes: +item",
            "records the designed distribution points; it resolves 1 FL104 copy-chain info finding",
        ),
    ]


def test_a_flow_past_its_until_is_noted() -> None:
    changed = BASE_1_1.replace(
        "  - {from: importer, to: store, entities: [item]}",
        "  - {from: importer, to: store, entities: [item], until: 2025-12-31}",
    )
    assert rows(compare_1_1(changed, today="2026-01-01")) == [
        (
            "risky",
            "flow",
            "changed",
            "flow importer -> store (copy) until: (none) -> '2025-12-31'",
            "when a temporary flow ends; it introduces 1 FL113 expired-arrangement warning",
        )
    ]
    added = BASE_1_1 + "  - {from: importer, to: frontend, entities: [item], until: 2025-12-31}\n"
    notes = [r for r in rows(compare_1_1(added)) if "was to end" in r[3]]
    assert notes == [
        (
            "safe",
            "flow",
            "changed",
            "flow importer -> frontend (copy) was to end on 2025-12-31, which has passed "
            "(2026-01-01)",
            "noted: retire the flow, or set a new 'until' if it is still needed (FL113)",
        )
    ]
