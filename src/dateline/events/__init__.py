"""Events: triggers typed by the ontology, their arguments, modality, and incidents merged across mentions."""
