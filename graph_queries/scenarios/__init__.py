"""What-if simulation: hypothetical changes to an organization and what they do to its analyses.

Nothing here writes: `apply_changes` returns a changed copy of an organization, checked with the
rules of real writes, and `simulate` compares the execution report before and after.
"""
