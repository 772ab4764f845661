"""Acronyms spelt like English words, read as the names they are.

"IS militants" is the Islamic State's fighters, but spaCy's small model reads "IS" as the verb "is"
("killed 3 IS militants" becomes "killed 3 / IS / militants", a copula). The parser sees a token
through its lower-case form (``NORM``), so giving such an acronym the norm of its full name ("isis")
makes the parser read a name. The acronyms are data (``data/acronyms.json``): exact, upper-case
spellings only, so the verb "is" is untouched.
"""

from __future__ import annotations

import json
from importlib import resources

from spacy.language import Language


def acronym_norms() -> dict[str, str]:
    """Upper-case acronym -> the norm the parser should see."""
    data = json.loads(resources.files("dateline.nlp").joinpath("data/acronyms.json").read_text("utf-8"))
    return {str(k): str(v) for k, v in data["norms"].items()}


def read_acronyms_as_names(nlp: Language) -> None:
    """Add a tokenizer special case giving each acronym its norm (idempotent)."""
    for orth, norm in acronym_norms().items():
        nlp.tokenizer.add_special_case(orth, [{"ORTH": orth, "NORM": norm}])
