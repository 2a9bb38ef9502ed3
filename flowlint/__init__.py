"""flowlint: a linter for data-flow specs of a service line."""

__version__ = "0.1.0"
