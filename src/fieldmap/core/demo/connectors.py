"""The demo organization's connectors: who they are, their tokens, and their synced rows."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date
from random import Random

from fieldmap.core.bulk import collector_paused
from fieldmap.core.catalogue import INTEGRATIONS
from fieldmap.core.demo.dataset import DemoConnector
from fieldmap.core.demo.generators import GENERATORS
from fieldmap.core.demo.generators.workday import COST_CENTER_OVERRIDE
from fieldmap.core.demo.tenant import Tenant

TOKEN_LENGTH = 64
TOKEN_PREFIX = "demo_"


@dataclass(frozen=True)
class ConnectorSpec:
    name: str
    integration_slug: str
    tenant: Tenant

    @property
    def token(self) -> str:
        return connector_token(self.name)


ACME_WORKDAY = "Acme Corp — Workday"
GLOBEX_WORKDAY = "Globex — Workday"

# Company, location and team rows follow the tenant's companies, sites and teams.
CONNECTORS = (
    ConnectorSpec(
        ACME_WORKDAY,
        "workday",
        Tenant(
            companies=("Acme Corp", "Acme Europe GmbH", "Acme Japan KK"),
            domain="acme.example",
            counts={"employee": 5000, "employment": 500},
            sites=12,
            teams=40,
            first_number=21000,
        ),
    ),
    ConnectorSpec(
        GLOBEX_WORKDAY,
        "workday",
        Tenant(
            companies=("Globex Corporation", "Globex Schweiz AG"),
            domain="globex.example",
            counts={"employee": 180, "employment": 180},
            sites=5,
            teams=14,
            first_number=7000,
            first_date=date(2016, 3, 1),
            quirks=frozenset({COST_CENTER_OVERRIDE}),
        ),
    ),
    ConnectorSpec(
        "Initech — BambooHR",
        "bamboohr",
        Tenant(
            companies=("Initech",),
            domain="initech.example",
            counts={"employee": 240, "employment": 400, "time_off": 120},
            sites=3,
            teams=10,
            first_number=1000,
            first_date=date(2014, 5, 5),
        ),
    ),
    ConnectorSpec(
        "Umbrella GmbH — Personio",
        "personio",
        Tenant(
            companies=("Umbrella GmbH",),
            domain="umbrella.example",
            counts={"employee": 90, "time_off": 60},
            sites=2,
            teams=8,
            first_number=1,
            first_date=date(2019, 1, 2),
        ),
    ),
    ConnectorSpec(
        "Hooli — Greenhouse",
        "greenhouse",
        Tenant(
            companies=("Hooli",),
            domain="hooli.example",
            counts={"job": 35, "candidate": 500, "application": 600},
            sites=4,
            first_number=53000,
            first_date=date(2023, 1, 2),
        ),
    ),
    ConnectorSpec(
        "Pied Piper — Lever",
        "lever",
        Tenant(
            companies=("Pied Piper",),
            domain="piedpiper.example",
            counts={"job": 20, "candidate": 150, "application": 170},
            sites=2,
            first_number=3100,
            first_date=date(2023, 6, 1),
        ),
    ),
    ConnectorSpec(
        "Initech Academy — Docebo",
        "docebo",
        Tenant(
            companies=("Initech",),
            domain="initech.example",
            counts={"employee": 120, "course": 24, "enrollment": 400},
            sites=3,
            teams=10,
            first_number=1000,
            first_date=date(2021, 2, 1),
        ),
    ),
)


def connector_token(name: str) -> str:
    """A stable 64-character URL-safe token for the demo connector called `name`."""
    digest = hashlib.sha512(f"fieldmap demo connector: {name}".encode()).digest()
    encoded = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return (TOKEN_PREFIX + encoded)[:TOKEN_LENGTH]


def build_connectors() -> list[DemoConnector]:
    category = {slug: category for slug, _, category in INTEGRATIONS}
    connectors = []
    with collector_paused():
        for spec in CONNECTORS:
            generated = GENERATORS[spec.integration_slug](Random(spec.name), spec.tenant)
            rows = {
                (category[spec.integration_slug], model): model_rows
                for model, model_rows in generated.items()
                if model_rows
            }
            connectors.append(DemoConnector(spec.token, spec.integration_slug, spec.name, rows))
    return connectors
