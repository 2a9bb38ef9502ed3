"""FL301 api-undocumented: a live API without docs."""

import pytest

from flowlint.testing import lint_files, lint_text, positions

HEAD = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
apis:
"""


def fl301(text: str):
    return lint_text(HEAD + text, select=["FL301"])


def test_live_api_without_docs():
    findings = fl301(
        """\
  publish-api: {name: Publish API, service: publish}
  apply-api:
    name: Apply API
    status: live
"""
    )
    assert positions(findings) == [(5, 3, "/apis/publish-api"), (6, 3, "/apis/apply-api")]
    assert findings[0].message == (
        "API 'publish-api' is live but has no documentation; add 'docs: <url>' pointing at its "
        "documentation, or set its status to 'in-development' or 'planned' if it is not live"
    )
    assert findings[0].subject == ("api", "publish-api", "no-docs")


def test_documented_api_is_clean():
    findings = fl301("  publish-api: {name: Publish API, docs: 'https://example.org/docs'}\n")
    assert findings == []


def test_blank_docs_count_as_missing():
    findings = fl301("  publish-api: {name: Publish API, docs: '  '}\n")
    assert positions(findings) == [(5, 3, "/apis/publish-api")]


@pytest.mark.parametrize("status", ["in-development", "planned", "retired"])
def test_apis_that_are_not_live_are_not_checked(status):
    assert fl301(f"  register-api: {{name: Register API, status: {status}}}\n") == []


def test_directory_model():
    findings = lint_files(
        {
            "a.yaml": HEAD + "  publish-api: {name: Publish API, docs: 'https://example.org'}\n",
            "b.yaml": "flowlint: 1\napis:\n  apply-api: {name: Apply API}\n",
        },
        select=["FL301"],
    )
    assert positions(findings) == [(3, 3, "/apis/apply-api")]
    assert findings[0].location.file == "b.yaml"
