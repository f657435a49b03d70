"""The remote presets the command line names, apart from the settings file so that
`fieldmap explore` and `fieldmap --help` start without loading it."""

DEFAULT_API_KEY_ENV = "FIELDMAP_API_KEY"
REMOTE_PRESETS = {"us": "https://api.bindbee.dev", "eu": "https://api-eu.bindbee.dev"}
