"""Domain -> documents and interchange formats (Word, W3C Web Annotation JSON-LD)."""
