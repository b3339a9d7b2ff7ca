"""The engine: Source -> JobScript -> selected rules -> Findings (linter), inline
suppressions, the fixer, the content cache, and reading and writing files safely."""
