from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    LeaderFields,
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class UpdateLeader(BaseModel):
    update_leader: Union[
        "UpdateLeaderUpdateLeaderLeaderPayload",
        "UpdateLeaderUpdateLeaderValidationError",
        "UpdateLeaderUpdateLeaderNotFoundError",
    ] = Field(alias="updateLeader", discriminator="typename__")


class UpdateLeaderUpdateLeaderLeaderPayload(BaseModel):
    typename__: Literal["LeaderPayload"] = Field(alias="__typename")
    leader: "UpdateLeaderUpdateLeaderLeaderPayloadLeader"


UpdateLeaderUpdateLeaderLeaderPayloadLeader = LeaderFields


class UpdateLeaderUpdateLeaderValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class UpdateLeaderUpdateLeaderNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
