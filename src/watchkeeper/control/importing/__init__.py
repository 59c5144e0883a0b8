"""Historical incident import: CAD exports loaded through a column-mapping profile.

- profiles.py: what a profile says (which column holds which time, how priorities map onto grades,
  problems onto National Incident Categories, dispositions onto closing codes), and its validation.
- rules.py: pure decisions on a file's header and each row (no I/O, no database).
- services.py: the writes (one transaction and one audit entry per batch, timeline per incident),
  idempotent on (source, external incident id).
"""
