from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    OrganizationFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class UpdateOrganization(BaseModel):
    update_organization: Union[
        "UpdateOrganizationUpdateOrganizationOrganizationPayload",
        "UpdateOrganizationUpdateOrganizationValidationError",
        "UpdateOrganizationUpdateOrganizationNotFoundError",
    ] = Field(alias="updateOrganization", discriminator="typename__")


class UpdateOrganizationUpdateOrganizationOrganizationPayload(BaseModel):
    typename__: Literal["OrganizationPayload"] = Field(alias="__typename")
    organization: "UpdateOrganizationUpdateOrganizationOrganizationPayloadOrganization"


UpdateOrganizationUpdateOrganizationOrganizationPayloadOrganization = OrganizationFields


class UpdateOrganizationUpdateOrganizationValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class UpdateOrganizationUpdateOrganizationNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
