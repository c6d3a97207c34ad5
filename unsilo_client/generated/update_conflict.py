from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    ConflictFields,
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class UpdateConflict(BaseModel):
    update_conflict: Union[
        "UpdateConflictUpdateConflictConflictPayload",
        "UpdateConflictUpdateConflictValidationError",
        "UpdateConflictUpdateConflictNotFoundError",
    ] = Field(alias="updateConflict", discriminator="typename__")


class UpdateConflictUpdateConflictConflictPayload(BaseModel):
    typename__: Literal["ConflictPayload"] = Field(alias="__typename")
    conflict: "UpdateConflictUpdateConflictConflictPayloadConflict"


UpdateConflictUpdateConflictConflictPayloadConflict = ConflictFields


class UpdateConflictUpdateConflictValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class UpdateConflictUpdateConflictNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
