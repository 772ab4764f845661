"""Quotes, attributions and hedges ("reportedly", "alleged"): who says what, and how surely."""
