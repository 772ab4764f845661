"""Places: names found in the text, resolved against the gazetteer to one feature each."""
