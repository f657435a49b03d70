"""The HTTP contract of the Custom Fields API, shared by `fieldmap serve` and the remote client.

Paths, wire shapes and the translation of errors to and from HTTP live here, once, so that
both sides agree by construction. Neither FastAPI nor httpx is imported here.
"""
