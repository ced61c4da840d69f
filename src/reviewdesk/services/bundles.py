"""Review bundles: reviewers work offline, each on their own database; a bundle carries
briefs and everything reviewed on them to another database, where it is merged by id.
This module is their public face; the work is done in the package services.bundle:
format (the file's schema and version), write, read and checks, signer (trust), plan,
merge (the rule "the later edit wins"), reviews and tags, and importing (the use case).

A bundle is signed with the key of the database that wrote it (services.identity), and
a database merges only bundles whose key it trusts: on first use (`trust=True`, the
CLI's --trust, a question in the app) or by hand. What a trusted bundle may change:

- Briefs, their sections, blocks, reference entries and recommendations are added with
  their own ids when missing; a brief already here must have the same text.
- Its signer's own work: the annotations, replies and suggested edits of the reviewers
  who work with the signer's key, their deletions (tombstones), history and links. No
  bundle changes another reviewer's work: that comes only in bundles they signed.
- Reference checks and recommendation decisions, when this database trusts the signer
  as a lead.
- Nothing outside the briefs it carries: an id that names an item of another brief, of
  another kind or by another reviewer refuses the whole bundle, before anything is
  written, naming the item.

Rival edits of one item keep the version with the higher revision (every edit raises it,
so an edit made after seeing another version beats it), then the later `modified` time
(times more than a day ahead of this computer's clock are taken as now), then the larger
content hash: the same answer in every copy, whatever order bundles meet in. When the
version not kept of an annotation was a rival edit, each field it differed in is written
to the annotation's history (annotation_event).

Everything in a bundle is checked before anything is written; the database file is copied
beside itself before a merge writes to it.
"""

from __future__ import annotations

from reviewdesk.services.bundle.contents import (
    BundleContents,
    held_phrase,
    plan_bundle,
    preview_line,
)
from reviewdesk.services.bundle.format import MANIFEST, SUFFIX, TOMBSTONE_KINDS
from reviewdesk.services.bundle.importing import import_bundle
from reviewdesk.services.bundle.report import SOURCE_MERGE, SOURCE_MERGE_TIE, MergeReport
from reviewdesk.services.bundle.signer import (
    UnknownSignerError,
    bundle_signer,
    trust_bundle_signer,
)
from reviewdesk.services.bundle.write import BundleReport, check_target, export_bundle
from reviewdesk.services.tracking import AnnotationEvent, annotation_history

__all__ = ["MANIFEST", "SOURCE_MERGE", "SOURCE_MERGE_TIE", "SUFFIX", "TOMBSTONE_KINDS",
           "AnnotationEvent", "BundleContents", "BundleReport", "MergeReport",
           "UnknownSignerError", "annotation_history", "bundle_signer", "check_target",
           "export_bundle", "held_phrase", "import_bundle", "plan_bundle", "preview_line",
           "trust_bundle_signer"]
