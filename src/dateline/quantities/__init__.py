"""Quantities: counts of killed, wounded, displaced, ... with their ranges, units and qualifiers."""
