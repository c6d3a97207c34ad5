from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    OrganizationFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class ImportOrganization(BaseModel):
    import_organization: Union[
        "ImportOrganizationImportOrganizationImportPayload",
        "ImportOrganizationImportOrganizationValidationError",
    ] = Field(alias="importOrganization", discriminator="typename__")


class ImportOrganizationImportOrganizationImportPayload(BaseModel):
    typename__: Literal["ImportPayload"] = Field(alias="__typename")
    graph_version: int = Field(alias="graphVersion")
    organization: "ImportOrganizationImportOrganizationImportPayloadOrganization"
    counts: "ImportOrganizationImportOrganizationImportPayloadCounts"
    warnings: list["ImportOrganizationImportOrganizationImportPayloadWarnings"]


ImportOrganizationImportOrganizationImportPayloadOrganization = OrganizationFields


class ImportOrganizationImportOrganizationImportPayloadCounts(BaseModel):
    units: int
    leaders: int
    dependencies: int
    conflicts: int
    ties: int


class ImportOrganizationImportOrganizationImportPayloadWarnings(BaseModel):
    code: str
    path: str
    message: str


class ImportOrganizationImportOrganizationValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")
