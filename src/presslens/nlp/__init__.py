"""NLP stage: the spaCy pipeline with presslens components (quotes, speakers, language)."""
