"""FL003 schema: a spec file follows spec format v1 (positions; wording is in
tests/test_schema_messages.py)."""

import textwrap

from flowlint.engine import lint
from flowlint.loading import Loaded, parse_text
from flowlint.rule import Rule
from flowlint.rules import schema
from flowlint.testing import codes, lint_files, lint_text, positions

RULE = Rule.from_module(schema)

VALID = """\
flowlint: 1
service_line: Becoming a teacher
as_of: "2024-05"
services:
  publish: {name: Publish teacher training courses, kind: service, status: live}
  find: {name: Find postgraduate teacher training, group: candidate-facing}
  dqt: {name: Database of qualified teachers, kind: external}
entities:
  course:
    name: Course
    owner: publish
    personal_data: false
    relationships:
      - {name: Course to provider, to: provider}
  provider: {owner: [publish]}
relationships:
  - {name: Provider to course, from: provider, to: course, defined_by: publish}
flows:
  - {from: publish, to: find, entities: [course, provider], via: api, api: courses}
  - {from: publish, to: dqt, entities: [course], via: file, status: planned, purpose: Records}
apis:
  courses:
    name: Courses API
    service: publish
    access: read
    visibility: public
    status: in-development
    docs: https://api.publish-teacher-training-courses.service.gov.uk/docs
    entities: [course]
"""


def fl003(text: str):
    """The FL003 findings of a one-file spec; the run itself must be whole (a rule that raised
    would leave no finding and an internal error, which a test of findings alone cannot see)."""
    report = lint(Loaded((parse_text(textwrap.dedent(text), "spec.yaml"),)), [RULE])
    assert report.errors == ()
    return list(report.findings)


def test_every_field_of_the_format_is_accepted() -> None:
    assert fl003(VALID) == []


def test_the_bundled_spec_follows_the_format() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "specs" / "becoming-a-teacher.yaml").read_text(
        encoding="utf-8"
    )
    assert fl003(text) == []


def test_unknown_key_is_at_the_key() -> None:
    findings = fl003(VALID.replace("    owner: publish", "    onwer: publish"))
    assert positions(findings) == [(11, 5, "/entities/course/onwer")]


def test_bad_value_is_at_its_key() -> None:
    findings = fl003(VALID.replace("kind: service,", "kind: servcie,"))
    assert positions(findings) == [(5, 53, "/services/publish/kind")]
    assert findings[0].message.startswith("'kind' of service 'publish' is 'servcie'")


def test_bad_list_item_is_at_the_item() -> None:
    findings = fl003(VALID.replace("entities: [course, provider]", "entities: [course, 5]"))
    assert positions(findings) == [(19, 50, "/flows/0/entities/1")]


def test_missing_key_is_at_the_mapping() -> None:
    findings = fl003(VALID.replace("{name: Provider to course, ", "{"))
    assert positions(findings) == [(17, 5, "/relationships/0")]
    assert findings[0].message == "the 1st relationship is missing the required key 'name'"


def test_bad_id_is_at_the_key() -> None:
    findings = fl003(VALID.replace("  find: {name: Find", "  Find: {name: Find"))
    assert positions(findings) == [(6, 3, "/services/Find")]


def test_pointer_escapes_slash_and_tilde_in_keys() -> None:
    findings = fl003("flowlint: 1\nservices:\n  a/b~c: {name: A}\n")
    assert positions(findings) == [(3, 3, "/services/a~1b~0c")]


def test_one_finding_per_mistake_in_document_order() -> None:
    text = VALID.replace("kind: external", "kind: outside").replace(
        "personal_data: false", "personal_data: no-way"
    )
    findings = fl003(text)
    assert positions(findings) == [
        (7, 47, "/services/dqt/kind"),
        (12, 5, "/entities/course/personal_data"),
    ]


def test_empty_file() -> None:
    findings = fl003("")
    assert positions(findings) == [(1, 1, "")]
    assert findings[0].message == "the file is empty: a spec file starts with 'flowlint: 1'"
    assert findings[0].subject == ("file-empty",)


def test_file_of_comments_only_is_empty() -> None:
    findings = fl003("# flowlint: 1\n# services: {}\n")
    assert positions(findings) == [(1, 1, "")]
    assert findings[0].message.startswith("the file is empty")


def test_top_level_list() -> None:
    findings = fl003("\n- flowlint: 1\n")
    assert positions(findings) == [(2, 1, "")]
    assert findings[0].message == (
        "the top level is a list; a spec file is a mapping that starts with 'flowlint: 1'"
    )


def test_top_level_text() -> None:
    findings = fl003("flowlint\n")
    assert positions(findings) == [(1, 1, "")]
    assert findings[0].message.startswith("the top level is the text 'flowlint';")


def test_a_file_that_does_not_parse_is_not_validated() -> None:
    findings = lint_text('services: {publish: {name: "P}}\n', select=["FL001", "FL003"])
    assert codes(findings) == ["FL001"]


def test_each_file_of_a_directory_model_is_validated_on_its_own() -> None:
    findings = lint_files(
        {
            "a.yaml": "flowlint: 1\nservices:\n  publish: {name: Publish}\n",
            "b.yaml": "services:\n  find: {name: Find, kind: Service}\n",
        },
        select=["FL003"],
    )
    assert [(f.location.file, *p) for f, p in zip(findings, positions(findings), strict=True)] == [
        ("b.yaml", 1, 1, ""),
        ("b.yaml", 2, 22, "/services/find/kind"),
    ]


def test_subject_names_flows_by_what_they_connect_not_their_index() -> None:
    findings = fl003(VALID.replace("via: file,", "via: ftp,"))
    assert findings[0].subject == ("schema", "flows", "publish->dqt", "via")
