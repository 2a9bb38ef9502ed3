"""FL106 isolated-service: every service takes part in the line."""

import pytest

from flowlint.testing import codes, lint_files, lint_text, positions

HEAD = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
  claims: {name: Claims}
entities:
  course: {owner: publish}
"""


def test_service_with_nothing_is_reported_at_its_key() -> None:
    findings = lint_text(HEAD, select=["FL106"])
    assert positions(findings) == [(4, 3, "/services/find"), (5, 3, "/services/claims")]
    assert findings[1].message == (
        "service 'claims' takes no part in the line: no flow goes into or out of it, it owns no "
        "entity, offers no API and defines no relationship; add the flows that connect 'claims', "
        "or remove it or mark it 'status: retired' if it is no longer used"
    )
    assert findings[1].subject == ("service", "claims")


@pytest.mark.parametrize(
    "extra",
    [
        "flows:\n  - {from: publish, to: claims, entities: [course], status: planned}\n",
        "flows:\n  - {from: claims, to: publish, entities: [course]}\n",
        "  fee: {owner: claims}\n",
        "  fee: {owner: [publish, claims]}\n",
        "apis:\n  claims-api: {name: Claims API, service: claims, status: retired}\n",
        "relationships:\n  - {name: R, from: course, to: course, defined_by: claims}\n",
        "relationships:\n  - {name: R, from: course, to: course, defined_by: [publish, claims]}\n",
    ],
)
def test_any_part_in_the_line_passes(extra: str) -> None:
    text = HEAD.replace("  find: {name: Find}\n", "") + extra
    assert lint_text(text, select=["FL106"]) == []


def test_retired_services_are_exempt_and_planned_ones_are_not() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  old: {name: Old, status: retired}
  new: {name: New, status: planned}
  hesa: {name: HESA, kind: third-party}
entities:
  course: {owner: publish}
"""
    findings = lint_text(text, select=["FL106"])
    assert positions(findings) == [(5, 3, "/services/new"), (6, 3, "/services/hesa")]


def test_a_misspelt_reference_is_reported_once_by_fl004() -> None:
    text = HEAD + "flows:\n  - {from: publish, to: claim, entities: [course]}\n"
    text += "apis:\n  find-api: {name: Find API, service: fnd}\n"
    assert codes(lint_text(text, select=["FL004", "FL106"])) == ["FL004", "FL004"]


def test_an_unrelated_unknown_reference_does_not_hide_an_isolated_service() -> None:
    text = HEAD + "flows:\n  - {from: publish, to: dqt, entities: [course]}\n"
    findings = lint_text(text, select=["FL004", "FL106"])
    assert codes(findings) == ["FL106", "FL106", "FL004"]


def test_directory_model_reports_in_the_file_of_the_service() -> None:
    findings = lint_files(
        {
            "a.yaml": HEAD,
            "b.yaml": "flowlint: 1\nflows:\n  - {from: publish, to: find, entities: [course]}\n",
        },
        select=["FL106"],
    )
    assert positions(findings) == [(5, 3, "/services/claims")]
    assert findings[0].location.file == "a.yaml"


def test_a_service_with_a_schema_problem_is_left_to_fl003_and_hides_no_other() -> None:
    # find is isolated but invalid (FL003 reports it: one mistake, one finding); claims, after
    # it, is still reported.
    text = HEAD.replace("  find: {name: Find}", "  find: {name: Find, kind: nonsense}")
    findings = lint_text(text, select=["FL003", "FL106"])
    assert [(f.code, f.location.pointer) for f in findings] == [
        ("FL003", "/services/find/kind"),
        ("FL106", "/services/claims"),
    ]
