"""The built-in catalogue, what every data dir holds, demo or not: unified models,
integrations, and one canned raw sample per model each integration serves (read from
`samples/<integration slug>.json`). A server without the lookup extension is browsed with
it too."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from fieldmap.core.models import Category, Integration, Model

HRIS, ATS, LMS = Category.HRIS, Category.ATS, Category.LMS

MODELS = (
    (HRIS, "employee", "Employee"),
    (HRIS, "employment", "Employment"),
    (HRIS, "company", "Company"),
    (HRIS, "location", "Location"),
    (HRIS, "team", "Team"),
    (HRIS, "time_off", "Time Off"),
    (ATS, "candidate", "Candidate"),
    (ATS, "application", "Application"),
    (ATS, "job", "Job"),
    (LMS, "course", "Course"),
    (LMS, "enrollment", "Enrollment"),
)

INTEGRATIONS = (
    ("workday", "Workday", HRIS),
    ("bamboohr", "BambooHR", HRIS),
    ("personio", "Personio", HRIS),
    ("hibob", "HiBob", HRIS),
    ("adp_workforce_now", "ADP Workforce Now", HRIS),
    ("greenhouse", "Greenhouse", ATS),
    ("lever", "Lever", ATS),
    ("ashby", "Ashby", ATS),
    ("docebo", "Docebo", LMS),
)


@dataclass(frozen=True)
class Catalogue:
    """The unified models, the integrations and their samples."""

    models: list[Model]
    integrations: list[Integration]
    samples: dict[tuple[str, Category, str], dict[str, Any]]


def builtin_catalogue() -> Catalogue:
    """Fresh objects on every call (cheap)."""
    models = [
        Model(slug=slug, display_name=name, category=category) for category, slug, name in MODELS
    ]
    integrations = [
        Integration(slug=slug, display_name=name, categories=[category])
        for slug, name, category in INTEGRATIONS
    ]
    return Catalogue(models=models, integrations=integrations, samples=load_samples())


def load_samples() -> dict[tuple[str, Category, str], dict[str, Any]]:
    """Every integration's samples, keyed by (integration slug, category, model slug).

    A sample file maps category to model slug to the raw row; it may only name models of
    the catalogue in categories its integration serves.
    """
    known = {(category, slug) for category, slug, _ in MODELS}
    directory = resources.files(__package__).joinpath("samples")
    samples = {}
    for slug, _, category in INTEGRATIONS:
        by_category = json.loads(directory.joinpath(f"{slug}.json").read_text("utf-8"))
        for category_name, by_model in by_category.items():
            for model, sample in by_model.items():
                key = (Category(category_name), model)
                if key not in known or key[0] != category:
                    raise ValueError(f"samples/{slug}.json: no model {category_name}/{model}")
                samples[slug, key[0], model] = sample
    return samples
