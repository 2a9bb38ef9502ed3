"""The built-in rules, as an explicit list: adding a rule is one module plus one line here."""

from flowlint.rule import Rule
from flowlint.rules import (
    api_direction,
    api_undocumented,
    copy_chain,
    duplicate_key,
    duplicate_relationship,
    isolated_service,
    lost_edit,
    not_live_dependency,
    personal_data_purpose,
    public_personal_data,
    schema,
    self_flow,
    single_owner,
    suppression_without_reason,
    unheld_relationship,
    unknown_code_in_suppression,
    unknown_reference,
    unsourced_data,
    unused_entity,
    unused_suppression,
    yaml_syntax,
)

RULE_MODULES = (
    yaml_syntax,
    duplicate_key,
    schema,
    unknown_reference,
    self_flow,
    single_owner,
    unsourced_data,
    lost_edit,
    copy_chain,
    unused_entity,
    isolated_service,
    duplicate_relationship,
    unheld_relationship,
    api_undocumented,
    public_personal_data,
    api_direction,
    not_live_dependency,
    personal_data_purpose,
    suppression_without_reason,
    unused_suppression,
    unknown_code_in_suppression,
)

BUILTIN_RULES: tuple[Rule, ...] = tuple(Rule.from_module(module) for module in RULE_MODULES)
