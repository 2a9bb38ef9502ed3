"""What a rule is: metadata read from its module, its documentation, and its check function.

A rule module defines `CODE`, `NAME`, `SEVERITY` (and optionally `ENABLED = False` for rules that
are off by default, and `OPTIONS_SCHEMA`, a JSON Schema of its options whose properties'
`default`s are the defaults) and a `check(model)` generator of `Problem`s, or `check(model,
options)` to receive its options. `flowlint.api` documents this for rule authors. Its docstring is
its documentation:

    One-line summary.

    Why: a paragraph on why it matters.

    Fails:
        <a complete spec that the rule reports>

    Passes:
        <the same spec, fixed>

    Fix: how to fix it.

A test runs every rule's two examples, so the docs cannot drift from the code.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType, ModuleType
from typing import Any

from flowlint.findings import Problem, Severity
from flowlint.model import Model

_SECTION = re.compile(r"^(Why|Fails|Passes|Fix):\s*(.*)$")


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """A rule's documentation, split into its sections."""

    summary: str
    why: str
    fails: str
    passes: str
    fix: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as the engine sees it."""

    code: str
    name: str
    severity: Severity
    enabled_by_default: bool
    check: Callable[[Model], Iterable[Problem]]
    doc: RuleDoc
    # Where the rule comes from: "flowlint", "entry point <dist>:<name>" or "rules-dir <path>".
    origin: str = "flowlint"
    # The JSON Schema of its options (None: it takes none), and the options it runs with.
    options_schema: Mapping[str, Any] | None = field(default=None, compare=False)
    options: Mapping[str, Any] = field(default_factory=dict, compare=False)
    takes_options: bool = False
    # What the docstring's examples are written in: "yaml" (specs), or "toml" for a rule about
    # the configuration (module attribute EXAMPLE_FORMAT).
    example_format: str = "yaml"

    @classmethod
    def from_module(cls, module: ModuleType, origin: str = "flowlint") -> Rule:
        """Read a rule module's metadata, check function and docstring; options get their
        defaults from the schema."""
        schema = getattr(module, "OPTIONS_SCHEMA", None)
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=Severity(module.SEVERITY),
            enabled_by_default=getattr(module, "ENABLED", True),
            check=module.check,
            doc=parse_doc(inspect.getdoc(module) or ""),
            origin=origin,
            options_schema=schema,
            options=MappingProxyType(option_defaults(schema)),
            takes_options=takes_options(module.check),
            example_format=getattr(module, "EXAMPLE_FORMAT", "yaml"),
        )

    def with_options(self, options: Mapping[str, Any]) -> Rule:
        """This rule with `options` over its defaults (not validated: see flowlint.plugins)."""
        merged = {**option_defaults(self.options_schema), **options}
        return dataclasses.replace(self, options=MappingProxyType(merged))

    def run(self, model: Model) -> Iterable[Problem]:
        """Call the check function, with the options when it takes them."""
        if self.takes_options:
            return self.check(model, self.options)  # type: ignore[call-arg]
        return self.check(model)


def option_defaults(schema: Mapping[str, Any] | None) -> dict[str, Any]:
    """The `default` of each property of an options schema."""
    properties = (schema or {}).get("properties", {})
    return {
        name: prop["default"]
        for name, prop in properties.items()
        if isinstance(prop, Mapping) and "default" in prop
    }


def takes_options(check: Callable[..., Any]) -> bool:
    """True when `check` accepts a second positional argument: `check(model, options)`."""
    try:
        parameters = inspect.signature(check).parameters.values()
    except (TypeError, ValueError):
        return False
    kinds = [p.kind for p in parameters]
    if inspect.Parameter.VAR_POSITIONAL in kinds:
        return True
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(kind in positional for kind in kinds) >= 2


def parse_doc(docstring: str) -> RuleDoc:
    """Split a rule docstring into summary, Why, Fails, Passes and Fix."""
    lines = docstring.strip().splitlines()
    summary = lines[0].strip() if lines else ""
    sections: dict[str, list[str]] = {"Why": [], "Fails": [], "Passes": [], "Fix": []}
    current: str | None = None
    for line in lines[1:]:
        match = _SECTION.match(line)
        if match:
            current = match.group(1)
            if match.group(2):
                sections[current].append(match.group(2))
            continue
        if current:
            sections[current].append(line)

    def prose(name: str) -> str:
        return " ".join(" ".join(sections[name]).split())

    def block(name: str) -> str:
        return textwrap.dedent("\n".join(sections[name])).strip("\n") + "\n"

    return RuleDoc(summary, prose("Why"), block("Fails"), block("Passes"), prose("Fix"))


def options_problem(schema: Mapping[str, Any], values: Any) -> tuple[str, str] | None:
    """None when `values` is valid, else where (`.option`) and what is wrong."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(schema).iter_errors(values))
    if error is None:
        return None
    path = "".join(f".{p}" if isinstance(p, str) else f"[{p}]" for p in error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        known = error.schema.get("properties", {})
        extra = [key for key in error.instance if key not in known]
        if extra:
            names = ", ".join(known) or "none"
            return f"{path}.{extra[0]}", f"unknown option (known: {names})"
    return path, error.message
