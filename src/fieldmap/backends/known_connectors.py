"""Connector tokens people added by hand, for a server that does not list its connectors:
kept per server URL in the config file, and shown as connectors of their integration."""

from __future__ import annotations

import asyncio

from fieldmap.core.config import ConfigFile, KnownConnector
from fieldmap.core.ids import short_token
from fieldmap.core.models import Connector, Integration


class KnownConnectors:
    """The tokens remembered for `base_url`; `config_file` None keeps them for the session."""

    def __init__(self, base_url: str, config_file: ConfigFile | None) -> None:
        self.base_url = base_url
        self._config_file = config_file
        self._known: dict[str, KnownConnector] | None = None

    async def all(self) -> list[KnownConnector]:
        return list((await self._loaded()).values())

    async def remember(self, known: KnownConnector) -> None:
        if self._config_file is not None:
            await asyncio.to_thread(self._config_file.remember_connector, self.base_url, known)
        (await self._loaded())[known.token] = known

    async def _loaded(self) -> dict[str, KnownConnector]:
        if self._known is None:
            stored: list[KnownConnector] = []
            if self._config_file is not None:
                config = await asyncio.to_thread(self._config_file.load)
                stored = config.known_connectors.get(self.base_url, [])
            self._known = {known.token: known for known in stored}
        return self._known


def as_connectors(known: list[KnownConnector], integrations: list[Integration]) -> list[Connector]:
    """Known tokens as connectors; one without an integration (hand-written in the config
    file) is left out, since nothing about it can be shown."""
    by_slug = {i.slug: i for i in integrations}
    connectors = []
    for item in known:
        if not item.integration_slug:
            continue
        integration = by_slug.get(item.integration_slug)
        display = integration.display_name if integration else item.integration_slug
        connectors.append(
            Connector(
                token=item.token,
                integration_slug=item.integration_slug,
                name=item.name or f"{display} {short_token(item.token)}",
                categories=integration.categories if integration else [],
            )
        )
    return connectors
