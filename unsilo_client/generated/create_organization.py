from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    OrganizationFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class CreateOrganization(BaseModel):
    create_organization: Union[
        "CreateOrganizationCreateOrganizationOrganizationPayload",
        "CreateOrganizationCreateOrganizationValidationError",
        "CreateOrganizationCreateOrganizationNotFoundError",
    ] = Field(alias="createOrganization", discriminator="typename__")


class CreateOrganizationCreateOrganizationOrganizationPayload(BaseModel):
    typename__: Literal["OrganizationPayload"] = Field(alias="__typename")
    organization: "CreateOrganizationCreateOrganizationOrganizationPayloadOrganization"


CreateOrganizationCreateOrganizationOrganizationPayloadOrganization = OrganizationFields


class CreateOrganizationCreateOrganizationValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class CreateOrganizationCreateOrganizationNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
