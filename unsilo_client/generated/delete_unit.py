from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class DeleteUnit(BaseModel):
    delete_unit: Union[
        "DeleteUnitDeleteUnitDeletePayload",
        "DeleteUnitDeleteUnitValidationError",
        "DeleteUnitDeleteUnitNotFoundError",
    ] = Field(alias="deleteUnit", discriminator="typename__")


class DeleteUnitDeleteUnitDeletePayload(BaseModel):
    typename__: Literal["DeletePayload"] = Field(alias="__typename")
    entity: str
    id: str


class DeleteUnitDeleteUnitValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class DeleteUnitDeleteUnitNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
