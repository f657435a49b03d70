"""Configurations for the document and plan tests: a fixed one and seeded random ones."""

from __future__ import annotations

from random import Random

from fieldmap.core.config_document import Configuration, FieldConfig, FieldKey
from fieldmap.core.field_types import ANY, FieldType, Option, TypeSpec
from fieldmap.core.models import Category

TOKEN = "demo_" + "t" * 59
BADGE = FieldKey(Category.HRIS, "employee", "badge_id")
SIZE = FieldKey(Category.HRIS, "employee", "shirt_size")
SALARY = FieldKey(Category.ATS, "candidate", "desired_salary")


def sample() -> Configuration:
    return Configuration(
        {
            BADGE: FieldConfig(
                "Number on the badge",
                TypeSpec(FieldType.TEXT),
                {"workday": "Worker.Badge", "hibob": 'work.custom."badge-id"'},
                {TOKEN: "Worker.Other_Badge"},
            ),
            SIZE: FieldConfig(
                None,
                TypeSpec(FieldType.SELECT, (Option("s", "Small"), Option("m", "Médium"))),
                {"bamboohr": "customShirtSize"},
            ),
            SALARY: FieldConfig("As written", ANY),
        }
    )


_NAMES = ("badge_id", "shirt_size", "cost_center", "desired_salary", "pronouns")
_PATHS = ("a.b", "x[0].y", "customField4012", "z | [0]", '"quoted key"')
_SCOPES = ("workday", "bamboohr", "personio")
_TOKENS = ("tok_" + "a" * 20, "tok_" + "b" * 20)
_TYPES = (ANY, TypeSpec(FieldType.TEXT), TypeSpec(FieldType.SELECT, (Option("a", "A"),)))


def random_configuration(rng: Random) -> Configuration:
    fields = {}
    for _ in range(rng.randint(0, 6)):
        category = rng.choice(list(Category))
        key = FieldKey(category, rng.choice(("employee", "candidate")), rng.choice(_NAMES))
        fields[key] = FieldConfig(
            rng.choice((None, "one", "two")),
            rng.choice(_TYPES),
            {s: rng.choice(_PATHS) for s in rng.sample(_SCOPES, rng.randint(0, 3))},
            {t: rng.choice(_PATHS) for t in rng.sample(_TOKENS, rng.randint(0, 2))},
        )
    return Configuration(fields)
