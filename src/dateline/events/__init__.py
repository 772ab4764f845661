"""Events: the ontology that types them, and the pure logic of modality and coreference."""
