from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class DeleteConflict(BaseModel):
    delete_conflict: Union[
        "DeleteConflictDeleteConflictDeletePayload",
        "DeleteConflictDeleteConflictValidationError",
        "DeleteConflictDeleteConflictNotFoundError",
    ] = Field(alias="deleteConflict", discriminator="typename__")


class DeleteConflictDeleteConflictDeletePayload(BaseModel):
    typename__: Literal["DeletePayload"] = Field(alias="__typename")
    entity: str
    id: str


class DeleteConflictDeleteConflictValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class DeleteConflictDeleteConflictNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
