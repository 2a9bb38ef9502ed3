"""Our organisation's data policies as flowlint rules (one module per rule)."""
