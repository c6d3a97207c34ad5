from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class DeleteLeader(BaseModel):
    delete_leader: Union[
        "DeleteLeaderDeleteLeaderDeletePayload",
        "DeleteLeaderDeleteLeaderValidationError",
        "DeleteLeaderDeleteLeaderNotFoundError",
    ] = Field(alias="deleteLeader", discriminator="typename__")


class DeleteLeaderDeleteLeaderDeletePayload(BaseModel):
    typename__: Literal["DeletePayload"] = Field(alias="__typename")
    entity: str
    id: str


class DeleteLeaderDeleteLeaderValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class DeleteLeaderDeleteLeaderNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
