"""Dates: absolute and relative date expressions resolved to intervals against the publication date."""
