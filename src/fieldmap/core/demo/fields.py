"""The demo organization's custom fields and where each integration keeps their values.

On purpose: `preferred_pronouns` is mapped nowhere, `emergency_contact_name` nowhere on
Personio, Globex's Workday tenant overrides `cost_center`, and Workday's `badge_id` comes
out null for about a fifth of the workers (nobody has badged them yet).
"""

from __future__ import annotations

from fieldmap.core.demo.connectors import GLOBEX_WORKDAY, connector_token
from fieldmap.core.demo.dataset import DemoField, DemoMapping
from fieldmap.core.models import Category, FieldSource

HRIS, ATS, LMS = Category.HRIS, Category.ATS, Category.LMS
EMPLOYEE, CANDIDATE = (HRIS, "employee"), (ATS, "candidate")
COURSE, ENROLLMENT = (LMS, "course"), (LMS, "enrollment")

# model -> field name -> (description, who created it)
FIELDS = {
    EMPLOYEE: {
        "guardian_mobile": (
            "Mobile number of the employee's parent or guardian (apprentices, working students)",
            FieldSource.API,
        ),
        "shirt_size": ("T-shirt size for the onboarding swag box", FieldSource.DASHBOARD),
        "cost_center": ("Cost center the employee's salary is booked against", FieldSource.API),
        "badge_id": ("Number printed on the employee's building access badge", FieldSource.API),
        "preferred_pronouns": (
            "Pronouns the employee asked to be addressed with",
            FieldSource.API,
        ),
        "emergency_contact_name": (
            "Full name of the primary emergency contact",
            FieldSource.API,
        ),
    },
    CANDIDATE: {
        "desired_salary": (
            "Yearly salary the candidate asked for, as they wrote it",
            FieldSource.API,
        ),
        "linkedin_url": ("The candidate's LinkedIn profile", FieldSource.API),
        "referral_source": (
            "How the candidate found us: referral, job board, agency…",
            FieldSource.DASHBOARD,
        ),
    },
    COURSE: {
        "course_cost_center": (
            "Cost center the course's licences are booked against",
            FieldSource.API,
        ),
    },
    ENROLLMENT: {
        "enrollment_reason": ("Why the learner was enrolled: manager, plan, self", FieldSource.API),
        "learner_department": (
            "The learner's department, as the LMS has it",
            FieldSource.DASHBOARD,
        ),
    },
}

WORKDAY_COST_CENTER = (
    "Worker_Data.Organization_Data.Worker_Organization_Data"
    "[?Organization_Data.Organization_Type_Reference.ID[0].value == 'Cost_Center']"
    ".Organization_Data.Organization_Code | [0]"
)
WORKDAY_OVERRIDE_COST_CENTER = (
    "Worker_Data.Integration_Field_Override_Data"
    "[?Field_Reference.ID[0].value == 'cost.center'].Value | [0]"
)
WORKDAY_BADGE_ID = (
    "Worker_Data.Personal_Data.Identification_Data.Custom_ID"
    "[?Custom_ID_Data.ID_Type_Reference.ID[0].value == 'BADGE_ID'].Custom_ID_Data.ID | [0]"
)
WORKDAY_EMERGENCY_CONTACT = (
    "Worker_Data.Related_Person_Data[?Emergency_Contact].Name_Detail_Data.Formatted_Name | [0]"
)
ADP_COST_CENTER = (
    "workers[0].workAssignments[?primaryIndicator] | [0].homeOrganizationalUnits"
    "[?typeCode.codeValue == 'CostCenter'].nameCode.codeValue | [0]"
)
LEVER_DESIRED_SALARY = "customQuestions[].fields[] | [?text == 'Desired salary'].value | [0]"

# integration slug -> model -> field name -> JMESPath, at the organization's scope
ORGANIZATION_MAPPINGS = {
    "workday": {
        EMPLOYEE: {
            "cost_center": WORKDAY_COST_CENTER,
            "badge_id": WORKDAY_BADGE_ID,
            "emergency_contact_name": WORKDAY_EMERGENCY_CONTACT,
        },
    },
    "bamboohr": {
        EMPLOYEE: {
            "guardian_mobile": "customField4012",
            "shirt_size": "customShirtSize",
            "cost_center": "customCostCenter",
            "emergency_contact_name": "customEmergencyContactName",
        },
    },
    "personio": {
        EMPLOYEE: {
            "guardian_mobile": "attributes.dynamic_1234.value",
            "shirt_size": "attributes.dynamic_5521.value",
            "cost_center": "attributes.cost_centers.value[0].attributes.name",
        },
    },
    "hibob": {
        EMPLOYEE: {
            "cost_center": 'work.custom."cost.center"',
            "badge_id": 'work.custom."badge-id"',
            "shirt_size": 'work.custom."T-Shirt-Größe"',
        },
    },
    "adp_workforce_now": {
        EMPLOYEE: {
            "badge_id": "workers[0].customFieldGroup.stringFields"
            "[?nameCode.codeValue == 'BADGE'].stringValue | [0]",
            "cost_center": ADP_COST_CENTER,
        },
    },
    "greenhouse": {
        CANDIDATE: {
            "desired_salary": "keyed_custom_fields.desired_salary.value",
            "linkedin_url": "social_media_addresses[?contains(value, 'linkedin.com')].value | [0]",
            "referral_source": "applications[0].source.public_name",
        },
    },
    "lever": {
        CANDIDATE: {
            "desired_salary": LEVER_DESIRED_SALARY,
            "linkedin_url": "links[?contains(@, 'linkedin.com')] | [0]",
            "referral_source": "sources[0]",
        },
    },
    "ashby": {
        CANDIDATE: {
            "desired_salary": "customFields[?title == 'Desired Salary'].value | [0]",
            "linkedin_url": "socialLinks[?type == 'LinkedIn'].url | [0]",
            "referral_source": "source.title",
        },
    },
    "docebo": {
        COURSE: {
            "course_cost_center": "additional_fields[?title == 'Cost Center'].value | [0]",
        },
        ENROLLMENT: {
            "enrollment_reason": "enrollment_fields.enrollment_field_2",
            "learner_department": "user.fields.field_4",
        },
    },
}

# connector name -> model -> field name -> JMESPath: one connector's own way
CONNECTOR_MAPPINGS = {
    GLOBEX_WORKDAY: {EMPLOYEE: {"cost_center": WORKDAY_OVERRIDE_COST_CENTER}},
}


def build_fields() -> list[DemoField]:
    return [
        DemoField(name=name, description=description, category=category, model=model, source=source)
        for (category, model), fields in FIELDS.items()
        for name, (description, source) in fields.items()
    ]


def build_mappings() -> list[DemoMapping]:
    organization = [
        DemoMapping(name, category, model, path, integration_slug=integration)
        for integration, models in ORGANIZATION_MAPPINGS.items()
        for (category, model), paths in models.items()
        for name, path in paths.items()
    ]
    connector = [
        DemoMapping(name, category, model, path, connector_token=connector_token(connector_name))
        for connector_name, models in CONNECTOR_MAPPINGS.items()
        for (category, model), paths in models.items()
        for name, path in paths.items()
    ]
    return organization + connector
