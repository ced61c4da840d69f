"""Review bundles, one module for each part of the work: the file's schema (format), what it
will hold (contents), writing it (write), reading and checking it (read, checks), its signer
(signer), merging it (plan, merge, reviews, tags) and the import as a whole (importing).
Callers use the public face, services.bundles."""
