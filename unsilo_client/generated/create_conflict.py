from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    ConflictFields,
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class CreateConflict(BaseModel):
    create_conflict: Union[
        "CreateConflictCreateConflictConflictPayload",
        "CreateConflictCreateConflictValidationError",
        "CreateConflictCreateConflictNotFoundError",
    ] = Field(alias="createConflict", discriminator="typename__")


class CreateConflictCreateConflictConflictPayload(BaseModel):
    typename__: Literal["ConflictPayload"] = Field(alias="__typename")
    conflict: "CreateConflictCreateConflictConflictPayloadConflict"


CreateConflictCreateConflictConflictPayloadConflict = ConflictFields


class CreateConflictCreateConflictValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class CreateConflictCreateConflictNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
