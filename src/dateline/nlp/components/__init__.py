"""spaCy components, each usable alone: ``nlp.add_pipe("dateline_quantities")``."""
