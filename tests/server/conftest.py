from .app_fixture import api  # noqa: F401
