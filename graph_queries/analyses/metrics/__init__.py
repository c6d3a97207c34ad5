"""Graph-generic measures: pure functions over networkx graphs and node-to-group mappings."""
