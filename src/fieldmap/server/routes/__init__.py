"""The routes of the Custom Fields API, one module per resource."""
