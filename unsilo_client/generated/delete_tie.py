from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class DeleteTie(BaseModel):
    delete_tie: Union[
        "DeleteTieDeleteTieDeletePayload",
        "DeleteTieDeleteTieValidationError",
        "DeleteTieDeleteTieNotFoundError",
    ] = Field(alias="deleteTie", discriminator="typename__")


class DeleteTieDeleteTieDeletePayload(BaseModel):
    typename__: Literal["DeletePayload"] = Field(alias="__typename")
    entity: str
    id: str


class DeleteTieDeleteTieValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class DeleteTieDeleteTieNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
