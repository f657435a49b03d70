"""`fieldmap serve`: the local engine behind the Custom Fields API (FastAPI + uvicorn)."""
