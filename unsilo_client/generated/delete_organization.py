from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class DeleteOrganization(BaseModel):
    delete_organization: Union[
        "DeleteOrganizationDeleteOrganizationDeletePayload",
        "DeleteOrganizationDeleteOrganizationValidationError",
        "DeleteOrganizationDeleteOrganizationNotFoundError",
    ] = Field(alias="deleteOrganization", discriminator="typename__")


class DeleteOrganizationDeleteOrganizationDeletePayload(BaseModel):
    typename__: Literal["DeletePayload"] = Field(alias="__typename")
    entity: str
    id: str


class DeleteOrganizationDeleteOrganizationValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class DeleteOrganizationDeleteOrganizationNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
