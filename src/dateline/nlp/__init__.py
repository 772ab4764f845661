"""The pipeline: loads the spaCy model, adds dateline's components, makes and runs the docs, builds records.

Also here: the ``Doc._`` attributes every component reads and writes (:mod:`~dateline.nlp.extensions`),
the base every component derives from (:mod:`~dateline.nlp.component`), and the dateline detector,
the first component (:mod:`~dateline.nlp.datelines`). The components themselves live in the feature
packages (``dateline.places.component``, ...).
"""
