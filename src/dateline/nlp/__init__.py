"""The only package that imports spaCy: components and the pipeline that runs them."""
